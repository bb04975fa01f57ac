for (const ms of [5, 1, 3]) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  console.log('waited', ms);
}
setImmediate(() => console.log('immediate after the loop'));
process.nextTick(() => console.log('tick after the loop'));
