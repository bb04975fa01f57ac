// The seed's browser event-loop example: one task, its microtasks, then each timer task with its own microtasks.
console.log(1); // synchronous
// first macrotask
setTimeout(() => {
console.log(2);
Promise.resolve().then(() => {
    console.log(3) // second microtask
});
});

new Promise((resolve, reject) => {
console.log(4) // synchronous
resolve(5)
}).then((data) => {
console.log(data); // first microtask
})
// second macrotask
setTimeout(() => {
console.log(6);
})

console.log(7); // synchronous
