// models: node
// A .js file with no "type" in a package.json and a top-level await: Node 20.19+ finds that only an
// ES module can run it and runs it as one (no require, module or __filename; promise jobs before
// nextTicks at the top level, as in any ES module).
console.log(typeof require, typeof module, typeof __filename);
process.nextTick(() => console.log('nextTick'));
Promise.resolve().then(() => console.log('promise job'));
const value = await new Promise((resolve) => setTimeout(() => resolve('awaited'), 10));
console.log(value);
setImmediate(() => console.log('immediate'));
