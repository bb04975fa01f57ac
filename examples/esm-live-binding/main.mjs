// The seed's live-binding example (entry): imports are read-only live views, so counter++ throws a TypeError.
import { counter, incCounter } from './lib.mjs';

// The imported value `counter` is live
console.log(counter); // 3
incCounter();
console.log(counter); // 4

// The imported value can't be changed
counter++; // TypeError
