// What the analyses know of JavaScript's built-ins, in one place: the lists of array methods that run
// their callback at once, and the global objects whose properties are safe to read. Names only;
// each analysis decides itself whether a name denotes the global (the file may declare its own).

/**
 * Array methods that call their callback synchronously, once per element, before they return and
 * never later, and that throw nothing of their own for a function callback, on an empty array too.
 */
export const ELEMENT_CALLBACK_METHODS: readonly string[] = ['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap'];

/**
 * Every array method that calls its callback synchronously and never later: those above, `reduce`
 * and `reduceRight` (which throw a TypeError on an empty array without an initial value) and `sort`
 * and `toSorted` (which call their comparator only for two elements or more; `toSorted` is missing
 * before Node.js 20).
 */
export const SYNC_ARRAY_CALLBACK_METHODS: ReadonlySet<string> = new Set([...ELEMENT_CALLBACK_METHODS, 'reduce', 'reduceRight', 'sort', 'toSorted']);

/** Global objects whose properties a read may take without throwing (`console.log`, `Math.max`, `process.argv.length`). */
export const READABLE_GLOBAL_OBJECTS: readonly string[] = ['console', 'process', 'Math', 'JSON', 'Promise', 'Object', 'Array', 'Number', 'String', 'globalThis'];
