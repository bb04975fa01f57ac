import { EventEmitter, once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

const e = new EventEmitter();
setImmediate(() => e.emit('ready', 'go'));
console.log('waiting for ready');
const [value] = await once(e, 'ready');
console.log('ready:', value);
console.log('slept:', await sleep(2, 'zz'));
await writeFile('esm.txt', 'from esm');
console.log(await readFile('esm.txt', 'utf8'), path.extname('esm.txt'));
for await (const chunk of Readable.from(['a', 'b'])) console.log('chunk', chunk);
console.log('done');
