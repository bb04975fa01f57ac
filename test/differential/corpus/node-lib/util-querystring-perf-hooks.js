const qs = require('querystring');
const parsed = qs.parse('a=1&b=two%20words&a=3&plus=x+y&empty=');
console.log(parsed);
console.log(qs.stringify({ name: 'Ann Lee', tags: ['x', 'y&z'], n: 5, ok: true, skip: undefined, star: "it's (ok)*" }));
console.log(qs.escape('a b/c'), qs.unescape('%41%zz'));
const { performance } = require('perf_hooks');
console.log(typeof performance.now(), performance === globalThis.performance);
