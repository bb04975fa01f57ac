process.on('warning', (w) => console.log('warning event:', w.name, w.message, w.code));
console.log('start');
process.emitWarning('Something looks off');
process.emitWarning('Custom thing', 'CustomWarning', 'CODE42');
process.emitWarning('With options', { type: 'OptWarning', code: 'OPT1', detail: 'extra detail line' });
process.nextTick(() => console.log('tick'));
console.log('end');
