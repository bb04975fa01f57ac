// models: node node-esm
// The global accessors Node defines: their functions carry V8's names (`get atob`, `set atob`;
// Buffer's are plain `get`/`set`), and a strict write of a bare name to the one without a setter
// (`crypto`) is worded as the same write through the global object is.
const described = (name) => {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
  return [name, descriptor.get && descriptor.get.name, descriptor.set && descriptor.set.name, descriptor.enumerable].join(' ');
};
console.log(['atob', 'btoa', 'performance', 'crypto', 'TextEncoder', 'TextDecoder', 'Buffer'].map(described));
const value = {};
const attempts = [
  function plain() { 'use strict'; crypto = {}; },
  function spaced() { 'use strict'; crypto   =   value; },
  function destructured() { 'use strict'; [crypto] = [value]; },
  function iterated() { 'use strict'; for (crypto of [value]); },
  function throughGlobal() { 'use strict'; globalThis.crypto = value; },
  function sloppy() { crypto = value; },
];
for (const attempt of attempts) {
  try {
    attempt();
    console.log(attempt.name, 'no error');
  } catch (error) {
    console.log(attempt.name, error.constructor.name, error.message);
  }
}
(function () { 'use strict'; performance = { now: () => 42 }; })();
console.log(performance.now());
