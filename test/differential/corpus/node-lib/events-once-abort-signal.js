const { EventEmitter, once } = require('events');
const e = new EventEmitter();
const ac = new AbortController();
once(e, 'never', { signal: ac.signal }).catch((err) => {
  console.log(err.name, err.code, err.message);
  console.log('listeners left', e.listenerCount('never'), e.listenerCount('error'));
});
ac.abort();
console.log('aborted', ac.signal.aborted);
