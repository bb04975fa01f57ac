const timers = require('timers');
console.log(timers.setTimeout === setTimeout, timers.setImmediate === setImmediate, typeof timers.clearInterval);
timers.setImmediate(() => {
  console.log('timers.setImmediate fired');
  timers.setImmediate(() => {
    console.log('second immediate');
    timers.setTimeout(() => console.log('timers.setTimeout fired'), 1);
  });
});
