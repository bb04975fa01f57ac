// models: node
// A Timeout made by setInterval: unlinked while its callback runs, linked again after each run,
// and retired by clearInterval inside the callback.
const util = require('util');
const show = (label, value) => console.log(label, util.inspect(value)
  .replace(/_idleStart: \d+/g, '_idleStart: <time>')
  .replace(/\[Symbol\((asyncId|triggerId)\)\]: \d+/g, '[Symbol($1)]: <id>'));

let runs = 0;
const interval = setInterval(() => {
  runs += 1;
  show(`run ${runs}`, interval);
  if (runs === 2) {
    clearInterval(interval);
    show('cleared inside', interval);
  }
}, 300);
show('created', interval);
setTimeout(() => show('between runs', interval), 450);
setTimeout(() => show('after clear', interval), 1000);
