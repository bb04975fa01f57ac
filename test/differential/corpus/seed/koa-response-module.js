// models: node
// From the seed (section 6): response.js as written, then used once to show the getters/setters.
// response.js
module.exports = {

    get body() {
        return this._body;
    },

    /**
    * 设置返回给客户端的body内容
    *
    * @param {mixed} data body内容
    */
    set body(data) {
        this._body = data;
    },

    get status() {
        return this.res.statusCode;
    },

    /**
    * 设置返回给客户端的stausCode
    *
    * @param {number} statusCode 状态码
    */
    set status(statusCode) {
        if (typeof statusCode !== 'number') {
            throw new Error('statusCode must be a number!');
        }
        this.res.statusCode = statusCode;
    }

};

const response = Object.create(module.exports);
response.res = { statusCode: 200 };
response.body = 'hi';
response.status = 404;
console.log(response.body, response.status);
response.status = 'oops';
