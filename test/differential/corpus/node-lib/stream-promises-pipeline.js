const { pipeline } = require('stream/promises');
const { Readable, Writable } = require('stream');
async function main() {
  const chunks = [];
  await pipeline(
    Readable.from(['x', 'y']),
    new Writable({
      write(c, e, cb) {
        chunks.push(c.toString());
        cb();
      },
    }),
  );
  console.log('awaited pipeline', chunks);
}
main().then(() => console.log('main resolved'));
console.log('started');
