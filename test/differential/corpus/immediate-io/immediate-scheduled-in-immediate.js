// models: node node-esm node-legacy
// An immediate queued during the check phase waits for the next loop iteration.
setImmediate(() => {
  console.log('immediate A');
  setImmediate(() => console.log('immediate C (next iteration)'));
});
setImmediate(() => console.log('immediate B'));
