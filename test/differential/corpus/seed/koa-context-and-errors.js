// models: node node-legacy
// The seed's simpleKoa context/request/response delegation and error handling (section 6),
// with fake req/res objects instead of an http server.
let EventEmitter = require('events');

const request = {
    get query() {
        return { q: this.req.url.split('=')[1] };
    }
};
const response = {
    get body() { return this._body; },
    set body(data) { this._body = data; },
    get status() { return this.res.statusCode; },
    set status(statusCode) {
        if (typeof statusCode !== 'number') {
            throw new Error('statusCode must be a number!');
        }
        this.res.statusCode = statusCode;
    }
};
const context = {
    get query() { return this.request.query; },
    get body() { return this.response.body; },
    set body(data) { this.response.body = data; },
    get status() { return this.response.status; },
    set status(statusCode) { this.response.status = statusCode; }
};

class Application extends EventEmitter {
    constructor() {
        super();
        this.middlewares = [];
        this.context = context;
        this.request = request;
        this.response = response;
    }
    use(middleware) { this.middlewares.push(middleware); }
    compose() {
        return async ctx => {
            function createNext(middleware, oldNext) {
                return async () => { await middleware(ctx, oldNext); };
            }
            let next = async () => Promise.resolve();
            for (let i = this.middlewares.length - 1; i >= 0; i--) {
                next = createNext(this.middlewares[i], next);
            }
            await next();
        };
    }
    callback() {
        return (req, res) => {
            let ctx = this.createContext(req, res);
            let respond = () => this.responseBody(ctx);
            let onerror = (err) => this.onerror(err, ctx);
            let fn = this.compose();
            return fn(ctx).then(respond).catch(onerror);
        };
    }
    createContext(req, res) {
        let ctx = Object.create(this.context);
        ctx.request = Object.create(this.request);
        ctx.response = Object.create(this.response);
        ctx.req = ctx.request.req = req;
        ctx.res = ctx.response.res = res;
        return ctx;
    }
    responseBody(ctx) {
        let content = ctx.body;
        if (typeof content === 'string') ctx.res.end(content);
        else if (typeof content === 'object') ctx.res.end(JSON.stringify(content));
    }
    onerror(err, ctx) {
        if (err.code === 'ENOENT') ctx.status = 404;
        else ctx.status = 500;
        let msg = err.message || 'Internal error';
        ctx.res.end(msg);
        this.emit('error', err);
    }
}

function fakeResponse(name) {
    return { statusCode: 200, end(text) { console.log(name, this.statusCode, text); } };
}

const app = new Application();
app.on('error', (err) => console.log('app error event:', err.message));
app.use(async (ctx, next) => {
    console.log('query', ctx.query.q);
    await next();
});
app.use(async (ctx) => {
    if (ctx.query.q === 'bad') ctx.status = 'two hundred';
    ctx.body = { echo: ctx.query.q };
});
const handle = app.callback();
handle({ url: '/?q=ok' }, fakeResponse('first'));
handle({ url: '/?q=bad' }, fakeResponse('second'));
