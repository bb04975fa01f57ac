// models: node
// From the seed (section 6): context.js as written, delegating to request/response objects.
// context.js
module.exports = {

    get query() {
        return this.request.query;
    },

    get body() {
        return this.response.body;
    },

    set body(data) {
        this.response.body = data;
    },

    get status() {
        return this.response.status;
    },

    set status(statusCode) {
        this.response.status = statusCode;
    }

};

const ctx = Object.create(module.exports);
ctx.request = { query: { page: '2' } };
ctx.response = { body: undefined, status: 200 };
ctx.body = { ok: true };
ctx.status = 201;
console.log(ctx.query, ctx.body, ctx.status);
