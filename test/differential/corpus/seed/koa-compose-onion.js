// models: node node-esm node-legacy browser
// The seed's simpleKoa middleware compose (section 6), without the http server: the onion order.
class Application {
    constructor() {
        this.middlewares = [];
    }
    use(middleware) {
        this.middlewares.push(middleware);
    }
    compose() {
        return async ctx => {
            function createNext(middleware, oldNext) {
                return async () => {
                    await middleware(ctx, oldNext);
                }
            }
            let len = this.middlewares.length;
            let next = async () => {
                return Promise.resolve();
            };
            for (let i = len - 1; i >= 0; i--) {
                let currentMiddleware = this.middlewares[i];
                next = createNext(currentMiddleware, next);
            }
            await next();
        };
    }
}

const app = new Application();
app.use(async (ctx, next) => {
    console.log(1);
    await next();
    console.log(6);
});
app.use(async (ctx, next) => {
    console.log(2);
    await next();
    console.log(5);
});
app.use(async (ctx, next) => {
    console.log(3);
    await new Promise((resolve) => setTimeout(resolve, 5));
    ctx.body = 'hello';
    console.log(4);
});
const ctx = {};
app.compose()(ctx).then(() => console.log('respond with', ctx.body));
