// models: node node-esm node-legacy
setTimeout(() => console.log('negative'), -5);
setTimeout(() => console.log('NaN'), NaN);
setTimeout(() => console.log('string "1"'), '1');
