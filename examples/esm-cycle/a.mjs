// The seed's benign ES-module cycle (entry): a and b import each other, but nothing is read while loading, and function declarations are hoisted.
import { bar } from './b.mjs'; // (1)
export function foo() {
    bar(); // (2)
}
console.log('a.mjs evaluated; bar is a', typeof bar);
