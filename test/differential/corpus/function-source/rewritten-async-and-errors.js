// Printing a function prints its source as written. The engine rewrites await sites, async bodies,
// catch clauses, throw statements and `for await` loops before running a file; none of that may
// show in Function.prototype.toString, String(fn), template literals or `fn + ''`.
async function load(url) {
  'use strict';
  const response = await Promise.resolve(url);
  return (await response).length;
}
const concise = async (x) => await x;
async function guarded() {
  try {
    await Promise.reject(new Error('no'));
  } catch (error) {
    throw new TypeError(`wrapped: ${error.message}`);
  }
}
function destructuring() {
  try {
    JSON.parse('{');
  } catch ({ name, message }) {
    return `${name}`;
  }
}
async function firstOf(iterable) {
  for await (const item of iterable) {
    if (item) break;
  }
}
const object = {
  async method() { await 1; },
  async *stream() { yield await 2; },
  *plain() { yield 3; },
};
class Service {
  static async create() { return new Service(await 1); }
  async #hidden() { await 0; }
  reveal() { return this.#hidden; }
}
function outer() {
  return async function inner() { throw await Promise.resolve('x'); };
}
console.log(load.toString());
console.log(String(concise));
console.log(`${guarded}`);
console.log(destructuring + '');
console.log(Function.prototype.toString.call(firstOf));
console.log(String(object.method));
console.log(String(object.stream));
console.log(String(object.plain));
console.log(String(Service));
console.log(String(Service.create));
console.log(String(Service.prototype.reveal.call(new Service())));
console.log(String(outer));
console.log(String(outer()));
console.log(load.length, concise.name, guarded.name, object.stream.name);
// The repair itself must pass for the built-in it replaces.
console.log(String(Function.prototype.toString), Function.prototype.toString.name);
guarded().catch((error) => console.log(error.message));
