// Requiring a module LoopLens cannot model is fine until it is used.
const http = require('http');
const net = require('node:net');
console.log(typeof http, typeof net);
const b = new Buffer(3);
console.log(b.length, Buffer.isBuffer(b), b.constructor === Buffer, b instanceof Buffer);
