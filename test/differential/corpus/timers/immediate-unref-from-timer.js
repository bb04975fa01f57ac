// models: node node-esm node-legacy
// An unref'd immediate set by a timer callback: Node 20's libuv runs timers at the end of an
// iteration and then finds nothing alive, so it never runs; Node 10's libuv reached the check phase first.
setTimeout(() => { setImmediate(() => console.log('from timer: never?')).unref(); console.log('timer'); }, 10);
