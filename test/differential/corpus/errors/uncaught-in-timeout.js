// models: node node-esm node-legacy browser
setTimeout(() => console.log('first timer'), 0);
setTimeout(() => { throw new Error('timer exploded'); }, 5);
setTimeout(() => console.log('after the explosion'), 20);
