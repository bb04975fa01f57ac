// models: browser
// From 32 ms on, Chromium's timers and AbortSignal.timeout are flexible delayed tasks, and a
// flexible wake-up runs every flexible task whose delay has passed in the order of those delays:
// a timeout below 32 ms (late by up to 8 ms on its own) whose window holds the due time of a
// signal of 32 ms or more runs before it, whichever was made first. Measured (15-20 runs each, no
// other order): timeout(31) before timeout(35), timeout(25) before a timeout(33) and a
// setTimeout(33) made before it, and AbortSignal.any follows the signal that aborted first.
const late = AbortSignal.timeout(35);
late.onabort = () => console.log('timeout 35, made first');
const early = AbortSignal.timeout(31);
early.onabort = () => console.log('timeout 31', late.aborted);
const either = AbortSignal.any([late, early]);
either.onabort = () => console.log('any of 35 and 31:', late.aborted, early.aborted, either.reason === early.reason);
const slow = AbortSignal.timeout(45);
slow.onabort = () => console.log('timeout 45');
setTimeout(() => console.log('setTimeout 45 after the signal'), 45);
const short = AbortSignal.timeout(40);
short.onabort = () => console.log('timeout 40', slow.aborted);
