// models: node
// From the seed (section 6): request.js as written; it only exports an object.
// request.js
let url = require('url');

module.exports = {

    get query() {
        return url.parse(this.req.url, true).query;
    }

};
