import { EventEmitter, once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
const emitter = new EventEmitter();
setTimeout(() => emitter.emit('ready', 42), 5);
const [value] = await once(emitter, 'ready');
console.log('ready with', value);
console.log(await sleep(5, 'slept'));
