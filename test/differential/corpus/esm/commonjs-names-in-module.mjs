// Node's module job explains a CommonJS name used in an ES module when the ReferenceError escapes
// the module; caught inside it, or thrown later by a callback, the error keeps V8's words.
process.on('uncaughtException', (error) => console.log('uncaughtException:', error.message, '|', error.stack.split('\n')[0]));
try {
  __dirname;
} catch (error) {
  console.log('caught inside the module:', error.message);
}
setTimeout(() => require('node:fs'), 100);
const fs = require('node:fs');
console.log('never printed', fs);
