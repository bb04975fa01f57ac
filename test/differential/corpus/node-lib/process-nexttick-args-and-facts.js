process.nextTick((a, b) => console.log('args', a, b), 'x', 42);
console.log(process.platform, process.version, typeof process.pid, process.release.name);
console.log(process.argv.length, typeof process.env, typeof process.cwd());
const t = process.hrtime();
console.log(Array.isArray(t), t.length, typeof process.hrtime.bigint());
console.log(typeof process.memoryUsage().heapUsed, typeof process.title, process.arch);
try {
  process.nextTick(null);
} catch (err) {
  console.log(err.code, err.message);
}
