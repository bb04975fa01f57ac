const { Readable } = require('stream');
async function main() {
  const r = Readable.from(['a', 'b', 'c']);
  for await (const chunk of r) {
    console.log('chunk', chunk);
  }
  console.log('loop ended');
}
main();
setImmediate(() => console.log('immediate'));
