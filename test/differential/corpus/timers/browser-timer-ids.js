// models: browser
// In the browser, setTimeout and setInterval return positive integers, increasing, and
// clearTimeout/clearInterval accept them (either function clears either kind).
const first = setTimeout(() => console.log('never: cleared'), 50);
const second = setInterval(() => console.log('never: cleared too'), 50);
console.log(typeof first, typeof second, Number.isInteger(first), first > 0, second > first);
clearInterval(first);
clearTimeout(second);
setTimeout(() => console.log('done'), 100);
