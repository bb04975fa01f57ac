// models: node-esm
import { readFile } from 'node:fs';
readFile(process.argv[1], () => {
  setTimeout(() => console.log('timeout'), 0);
  setImmediate(() => console.log('immediate'));
  process.nextTick(() => console.log('tick'));
});
