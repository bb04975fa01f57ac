// models: node node-esm
// A rest pattern in a for-of head over null: V8 names the element '.for' and Node 20 places the
// failure at the rest's name (Chromium versions differ: 150 at the name, 156 at the pattern).
try {
  for (const { ...rest } of [null]) console.log(rest);
} catch (error) {
  const frame = /:(\d+:\d+)\)?$/.exec(error.stack.split('\n')[1]);
  console.log(`${error.constructor.name}: ${error.message} at ${frame ? frame[1] : '?'}`);
}
