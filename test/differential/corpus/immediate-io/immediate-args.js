// models: node node-esm node-legacy
setImmediate((x, y) => console.log('immediate args', x, y), 'a', 'b');
