// models: node node-esm node-legacy
console.log('to stdout');
console.error('to stderr');
console.warn('warn to stderr');
console.info('info to stdout');
console.debug('debug to stdout');
