// The other half of the seed's ES-module cycle: b evaluates first and only references foo inside a function.
import { foo } from './a.mjs'; // (3)
export function bar() {
    if (Math.random()) {
        foo(); // (4)
    }
}
console.log('b.mjs evaluated; foo is hoisted, so it is a', typeof foo);
