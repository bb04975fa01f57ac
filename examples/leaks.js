// The seed's memory-leak patterns: implicit and explicit globals, a closure kept alive on the global object, and listeners added repeatedly.
const EventEmitter = require('events');

function setGlobals() {
    a = 10;           // implicit global: sloppy-mode assignment to an undeclared name
    global.b = 11;    // explicit global
}
setGlobals();

function out() {
    const bigData = Buffer.alloc(10);
    inner = function () {   // the closure keeps bigData alive for as long as the global lives
        void bigData;
    };
}
out();

const emitter = new EventEmitter();
function handleRequest() {
    emitter.on('data', () => {});   // a new listener per request, never removed
}
for (let i = 0; i < 11; i++) handleRequest();
console.log(a, global.b, typeof inner, emitter.listenerCount('data'));
