// The seed's Node event-loop example: sync code, nextTick, promises and two timers; Node 11+ prints 1 7 6 8 2 4 3 5 9 11 10 12.
console.log('1'); // synchronous
// timers phase, callback 1
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
// promise microtask
new Promise(function(resolve) {
    console.log('7');
    resolve();
}).then(function() {
    console.log('8')
})
// nextTick microtask
process.nextTick(function() {
console.log('6');
})
// timers phase, callback 2
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
