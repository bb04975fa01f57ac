// models: browser
// nondeterministic
// An AbortSignal.timeout below 32 ms whose window (up to 8 ms late) holds a setTimeout of 32 ms or
// more usually runs first, at the flexible wake-up that runs both in the order of their delays:
// measured, timeout(30) before a setTimeout(35) made first 13 times in 15, after it twice. A
// timeout of 32 ms or more may run before a timer due a millisecond earlier (1 run in 10).
setTimeout(() => console.log('setTimeout 35, made first'), 35);
const signal = AbortSignal.timeout(30);
signal.onabort = () => console.log('timeout 30');
setTimeout(() => console.log('setTimeout 45'), 45);
const sixty = AbortSignal.timeout(60);
sixty.onabort = () => console.log('timeout 60');
setTimeout(() => console.log('setTimeout 59'), 59);
