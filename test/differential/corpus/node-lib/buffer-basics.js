const b = Buffer.from('héllo');
console.log(b, b.length, b.toString('hex'), b.toString('base64'));
console.log(Buffer.alloc(3), Buffer.alloc(60, 1));
console.log(Buffer.concat([Buffer.from('ab'), Buffer.from('cd')]).toString());
console.log(Buffer.isBuffer(b), b instanceof Uint8Array, Buffer.byteLength('héllo'));
console.log(b.slice(1, 3), b.subarray(0, 1).toString(), JSON.stringify(Buffer.from('hi')));
console.log(Buffer.from('aGk=', 'base64').toString(), b.equals(Buffer.from('héllo')));
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder('utf8');
const euro = Buffer.from('€');
console.log(JSON.stringify(d.write(euro.subarray(0, 1))), JSON.stringify(d.write(euro.subarray(1))));
console.log(btoa('hello'), atob('aGVsbG8='));
try {
  btoa('€');
} catch (err) {
  console.log(err.name);
}
