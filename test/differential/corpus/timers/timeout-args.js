// models: node node-esm node-legacy browser
setTimeout((a, b) => console.log('args:', a, b), 0, 'x', 42);
setTimeout(function () { console.log('arguments length', arguments.length); }, 0, 1, 2, 3);
