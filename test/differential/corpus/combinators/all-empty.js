// models: node node-esm node-legacy browser
Promise.all([]).then((v) => console.log('all([]) ->', v.length));
Promise.resolve().then(() => console.log('tick 1')).then(() => console.log('tick 2'));
