// models: node
const { Readable } = require('stream');
let i = 0;
const r = new Readable({
  read() {
    i += 1;
    console.log('read called', i);
    this.push(i <= 3 ? 'chunk' + i : null);
  },
});
r.on('data', (c) => console.log('data', c.toString()));
r.on('end', () => console.log('end'));
