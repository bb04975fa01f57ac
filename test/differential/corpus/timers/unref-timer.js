// models: node node-esm
// An unref'd timer does not keep the process alive, so it never fires here (unless the machine stalls
// for 50 ms, when both timers are due in the same timers phase).
setTimeout(() => console.log('unrefed (never)'), 50).unref();
setTimeout(() => console.log('refed'), 1);
