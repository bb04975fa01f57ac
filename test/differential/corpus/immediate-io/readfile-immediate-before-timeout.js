// models: node node-legacy
// Inside an I/O callback, the check phase always comes before the next timers phase.
const fs = require('fs');
fs.readFile(__filename, () => {
  setTimeout(() => console.log('timeout'), 0);
  setImmediate(() => console.log('immediate'));
});
