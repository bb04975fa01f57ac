// models: node node-esm
const u = new URL('https://user:pw@Example.COM:443/a/b/../c/./d?x=1&y=two words#frag');
console.log(u.href);
console.log(u.origin, u.protocol, u.username, u.password, u.host, u.hostname, JSON.stringify(u.port));
console.log(u.pathname, u.search, u.hash);
console.log(u.searchParams.get('y'), u.searchParams.has('x'), [...u.searchParams.keys()]);
u.searchParams.append('z', 'a&b');
console.log(u.search, String(u));
const rel = new URL('../img/logo.png?v=2', 'http://site.test/docs/guide/index.html');
console.log(rel.href, JSON.stringify(rel));
console.log(new URL('//cdn.test/x', 'https://a.test/').href, new URL('?q=1', 'https://a.test/p/q').href, new URL('#top', 'https://a.test/p?z').href);
try {
  new URL('not a url');
} catch (err) {
  console.log(err.name, err.code, err.message, err.input);
}
console.log(URL.canParse('http://x.y'), URL.canParse('nope'));
console.log(new URL('mailto:someone@example.com').pathname, new URL('file:///tmp/a%20b.txt').pathname);
console.log(new URL('http://h.test:8080/').port, new URL('http://h.test:80/').host);
