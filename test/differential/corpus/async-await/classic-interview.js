// models: node node-esm node-legacy browser
// Real Node 10 (node-legacy) differs here: before V8 7.2 (Node 12) every await of a native promise took three microtask turns, not one.
async function async1() {
  console.log('async1 start');
  await async2();
  console.log('async1 end');
}
async function async2() {
  console.log('async2');
}
console.log('script start');
setTimeout(() => console.log('setTimeout'), 0);
async1();
new Promise((resolve) => {
  console.log('promise1');
  resolve();
}).then(() => console.log('promise2'));
console.log('script end');
