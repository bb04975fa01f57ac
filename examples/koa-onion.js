// The seed's koa middleware composition (the "onion") without the http server: each middleware runs its code before and after await next().
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
    console.log('1 before');
    await next();
    console.log('1 after');
});
app.use(async (ctx, next) => {
    console.log('2 before');
    await next();
    console.log('2 after');
});
app.use(async (ctx, next) => {
    console.log('3 handler');
    ctx.body = 'hello';
});

const ctx = {};
app.compose()(ctx).then(() => console.log('respond with', ctx.body));
console.log('request handled synchronously up to the first await');
