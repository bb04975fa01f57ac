// models: browser
// nondeterministic
// Two AbortSignal.timeouts of 32 ms or more, a millisecond apart, usually abort in the order of
// their delays, whichever was made first; but both are flexible delayed tasks, and Chromium ran the
// later one first once in 20 runs (timeout(40) made before a timeout(39); 0 of 20 made after it).
const later = AbortSignal.timeout(40);
later.onabort = () => console.log('timeout 40, made first', later.reason.name);
const sooner = AbortSignal.timeout(39);
sooner.onabort = () => console.log('timeout 39', later.aborted);
