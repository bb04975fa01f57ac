// models: node node-esm node-legacy browser
console.log('before');
throw new Error('boom');
