// Globals the engine replaces with its own functions (Date, Promise, the Error constructors,
// timers, structuredClone) print as the runtime's own: their names, native source, and the
// properties console.log shows on Error.
console.log([Date, Promise, Error, TypeError, RangeError, structuredClone].map((fn) => fn.name).join(' '));
console.log([setTimeout, setInterval, clearTimeout, queueMicrotask].map((fn) => fn.name).join(' '));
for (const fn of [Date, Promise, Error, TypeError, structuredClone]) console.log(String(fn));
console.log(Object.keys(Error), Object.getOwnPropertyDescriptor(Error, 'captureStackTrace')?.enumerable);
console.log(`${Promise}` === Function.prototype.toString.call(Promise));
