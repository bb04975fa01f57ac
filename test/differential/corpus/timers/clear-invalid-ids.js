// models: node node-esm node-legacy browser
clearTimeout(undefined);
clearTimeout(null);
clearTimeout(12345);
clearInterval('nope');
setTimeout(() => console.log('still fine'), 0);
