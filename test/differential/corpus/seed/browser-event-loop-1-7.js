// models: node node-esm node-legacy browser
// nondeterministic: node-legacy
// (Node 10 timestamps each timer when it is created; timers created in different milliseconds can run
// in separate batches, with nextTicks and microtasks in between, so its order varies from run to run.)
// From the seed (section 2, browser example): expected by the notes as 1 4 7 5 2 3 6.
console.log(1); //同步代码
//第一个宏任务
setTimeout(() => {
console.log(2);
Promise.resolve().then(() => {
    console.log(3) //第二个微任务
});
});

new Promise((resolve, reject) => {
console.log(4) //同步代码
resolve(5)
}).then((data) => {
console.log(data); //第一个微任务
})
//第二个宏 任务
setTimeout(() => {
console.log(6);
})

console.log(7); // 同步代码
