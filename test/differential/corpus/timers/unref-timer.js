// models: node node-esm
// An unref'd timer does not keep the process alive, so it never fires here.
setTimeout(() => console.log('unrefed (never)'), 30).unref();
setTimeout(() => console.log('refed'), 5);
