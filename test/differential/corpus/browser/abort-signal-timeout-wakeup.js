// models: browser
// nondeterministic
// AbortSignal.timeout below 32 ms is a flexible delayed task in Chromium: it may run up to 8 ms late.
// Measured (15 runs): timeout(5) among timers due every millisecond ran between the 12 and 13 ms
// timers 14 times and between 11 and 12 once; the timers due up to 11 ms always came first.
const signal = AbortSignal.timeout(5);
signal.onabort = () => console.log('signal 5 aborted', signal.reason.name);
for (const due of [6, 7, 8, 9, 10, 11, 12, 13, 14]) setTimeout(() => console.log(`timer ${due}`), due);
setTimeout(() => console.log('timer 40', signal.aborted), 40);
