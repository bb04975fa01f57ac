const { EventEmitter, on } = require('events');
const e = new EventEmitter();
(async () => {
  let n = 0;
  for await (const [value] of on(e, 'data')) {
    console.log('got', value);
    if (++n === 3) break;
  }
  console.log('loop done, listeners left:', e.listenerCount('data'));
})();
process.nextTick(() => {
  e.emit('data', 'a');
  e.emit('data', 'b');
  e.emit('data', 'c');
  e.emit('data', 'd');
});
