console.log(/ab+c/gi);
console.log(new Date(0).toISOString());
console.log(new Uint8Array([1, 2, 3]));
console.log([new Date(0)].length);
console.log(new ArrayBuffer(4).byteLength);
