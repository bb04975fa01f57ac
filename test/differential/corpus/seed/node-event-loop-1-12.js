// models: node node-esm node-legacy
// nondeterministic: node-legacy
// (Node 10 timestamps each timer when it is created; timers created in different milliseconds can run
// in separate batches, with nextTicks and microtasks in between, so its order varies from run to run.)
// From the seed (section 2, Node example). Node >= 11 prints 1 7 6 8 2 4 3 5 9 11 10 12;
// Node < 11, which the notes describe, prints 1 7 6 8 2 4 9 11 3 10 5 12.
console.log('1'); //同步代码
//timer阶段的宏任务1
setTimeout(function() {
    console.log('2');
    process.nextTick(function() {
        console.log('3');
    })
    new Promise(function(resolve) {
        console.log('4');
        resolve();
    }).then(function() {
        console.log('5')
    })
})
//微任务Promise
new Promise(function(resolve) {
    console.log('7');
    resolve();
}).then(function() {
    console.log('8')
})
//微任务nextTick
process.nextTick(function() {
console.log('6');
})
//timer阶段的宏任务2
setTimeout(function() {
    console.log('9');
    process.nextTick(function() {
        console.log('10');
    })
    new Promise(function(resolve) {
        console.log('11');
        resolve();
    }).then(function() {
        console.log('12')
    })
})
