console.log(JSON.stringify({ a: [1, { b: 2 }], c: 'x' }));
console.log(JSON.stringify({ a: 1, b: [1, 2] }, null, 2));
console.log(String([1, [2, 3]]), String({}), `${[]}`);
console.log([1, 2, 3].toString(), (123.456).toFixed(1));
