// The practice inputs the analysis worker checks while it is idle after start (analysisWorker.ts),
// so that the first real document is parsed and analysed by compiled code instead of by V8's
// interpreter. They are built into the bundle (never read from the user's workspace) and cover
// the syntax a parser meets in real files and every rule family: temporal dead zones, hoisting,
// leaks, and CommonJS and ES module imports for the module graph. The CommonJS file calls class
// members, names the lexical scopes leave to the compiler's checker, so that path (taken by many
// real files, not by the benchmark's 5,000-line file) is compiled too. Each round renames the
// identifiers, so no round is a copy of another and nothing can be answered from a cache.

/** One practice file: a made-up path (never read from disk) and its text. */
export interface PracticeFile {
  fileName: string;
  text: string;
}

/** A CommonJS script with classes, closures, timers, listeners and the hoisting and TDZ surprises the rules look for. */
function commonJsPractice(tag: string): string {
  return `'use strict';
const { EventEmitter: Emitter_${tag} } = require('node:events');
const { readFile: read_${tag} } = require('node:fs');
const helper_${tag} = require('./helper-${tag}.js');

console.log(total_${tag});
var total_${tag} = 0;
report_${tag}();
let ready_${tag} = false;

function report_${tag}() {
  console.log(ready_${tag}, typeof later_${tag});
}
const later_${tag} = () => ready_${tag};

if (helper_${tag}.enabled) {
  function inBlock_${tag}(value) { return value * 2; }
}
console.log(typeof inBlock_${tag});

for (var index_${tag} = 0; index_${tag} < 3; index_${tag}++) {
  setTimeout(() => console.log('tick', index_${tag}), 10 * index_${tag});
}

const cache_${tag} = new Map();
const seen_${tag} = [];
function remember_${tag}(key, value) {
  cache_${tag}.set(key, value);
  seen_${tag}.push({ key, value, at: Date.now() });
  return cache_${tag}.size;
}

class Queue_${tag} {
  #limit = 10;
  static created = 0;
  static { Queue_${tag}.created += 1; }
  constructor(limit = 10, name = 'queue-' + limit, items = []) {
    this.#limit = limit;
    this.listeners = new Emitter_${tag}();
    this.name = name;
    this.items = items;
  }
  get limit() { return this.#limit; }
  set limit(value) { this.#limit = Math.max(1, value); }
  push(...values) {
    const items = this.items;
    for (const value of values) {
      if (items.length >= this.#limit) { Queue_${tag}.full(this, value); break; }
      items.push(value);
    }
    return this;
  }
  static full(queue, value) { queue.listeners.emit('full', value); }
  static *drain(items) {
    while (items.length > 0) yield items.shift();
  }
  async settle(delay = 5) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const taken = [];
    for (const item of Queue_${tag}.drain(this.items)) taken.push({ item, position: taken.length });
    return taken;
  }
}

function subscribe_${tag}(queue) {
  queue.listeners.on('full', (value) => remember_${tag}('full', value));
  process.once('exit', () => console.log('exit', Date.now()));
  process.on('warning', (warning) => remember_${tag}('warning', warning.name));
}
const queue_${tag} = new Queue_${tag}(3);
for (let round = 0; round < 4; round++) subscribe_${tag}(queue_${tag});

const poll_${tag} = setInterval(() => {
  queue_${tag}.push(Math.random() > 0.5 ? 'heads' : 'tails');
}, 100);
globalThis.lastQueue_${tag} = queue_${tag};

function describe_${tag}(value) {
  switch (typeof value) {
    case 'string': {
      const upper = value.toUpperCase();
      return \`text \${upper} (\${value.length})\`;
    }
    case 'number':
      return value > 1e3 ? value.toExponential(2) : value.toFixed(1);
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? \`list of \${value.length}\` : Object.keys(value).join(', ');
    default:
      return String(value ?? 'nothing');
  }
}

outer: for (const [key, entry] of Object.entries({ a: 1, b: [2, 3], c: { d: 4 } })) {
  let depth = 0;
  do {
    depth++;
    if (depth > 2) continue outer;
  } while (typeof entry === 'object' && depth < 3);
  try {
    console.log(key, describe_${tag}(entry), entry?.d ?? 0);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
  } finally {
    remember_${tag}(key, /[a-z]+/giu.test(key));
  }
}

async function main_${tag}() {
  const results = await Promise.allSettled([queue_${tag}.settle(), Promise.resolve(1n << 8n)]);
  const [first, { value: second = 0 } = {}] = results;
  queueMicrotask(() => console.log('microtask', first.status));
  setImmediate(() => console.log('immediate', second));
  process.nextTick(() => console.log('tick'));
  read_${tag}(__filename, 'utf8', (error, text) => console.log(error ? 'failed' : text.length));
  clearInterval(poll_${tag});
  return results.length;
}

module.exports = { main_${tag}, Queue_${tag}, describe_${tag}, count: 1_000 };
main_${tag}().then((count) => console.log('done', count), (error) => console.error(error));
`;
}

/** An ES module in a small import cycle, with top-level await, live bindings and switch-case and default-parameter TDZ reads. */
function esModulePractice(tag: string): string {
  return `import { EventEmitter as Emitter_${tag} } from 'node:events';
import * as partner_${tag} from './partner-${tag}.mjs';
import settings_${tag}, { limit as limit_${tag} } from './settings-${tag}.mjs';
export { partner_${tag} };
export let counter_${tag} = partner_${tag}.start ?? 0;
const weights_${tag} = [];
export default class Store_${tag} extends Emitter_${tag} {
  items = new Set();
  add(item, weight = item.weight * factor_${tag}) {
    weights_${tag}.push({ item, weight });
    this.emit('added', item);
    counter_${tag}++;
    return weight;
  }
}

console.log(new Helper_${tag}().name);
class Helper_${tag} { name = 'helper'; }

const factor_${tag} = settings_${tag}.factor;
function scaled_${tag}(first = second, second = 1) { return first * second; }

function classify_${tag}(kind) {
  switch (kind) {
    case 'a':
      let label = 'first';
      return label;
    case 'b':
      return label + ' again';
    default:
      return 'other';
  }
}

const store_${tag} = new Store_${tag}();
document.addEventListener('click', () => store_${tag}.add({ weight: limit_${tag} }));
window.onresize = () => store_${tag}.items.clear();
const timers_${tag} = [];
for (const delay of [100, 200, 300]) {
  timers_${tag}.push(setTimeout(() => console.log('after', delay, counter_${tag}), delay));
}
export const ready_${tag} = await Promise.race([
  new Promise((resolve) => setTimeout(() => resolve('slow'), 50)),
  fetch('https://example.invalid').then((response) => response.ok, () => false),
]);

export function* range_${tag}(start, end, step = 1) {
  for (let value = start; value < end; value += step) yield value;
}
export const sum_${tag} = [...range_${tag}(0, 10)].reduce((total, value) => total + value, 0);
console.log(classify_${tag}('a'), scaled_${tag}(2), sum_${tag}, import.meta.url, new.target);
`;
}

/** The other side of the ES module's import cycle: it reads the first module's binding while that module is still loading. */
function partnerPractice(tag: string): string {
  return `import { counter_${tag} } from './practice-${tag}.mjs';
export const start = counter_${tag} + 1;
export function bump() { return counter_${tag} * 2; }
`;
}

/**
 * The practice files of one round (a CommonJS script, an ES module and its cycle partner, about
 * 200 lines in all), under a made-up folder so that no path can name a user's file.
 */
export function practiceFiles(round: number): PracticeFile[] {
  const tag = `r${round}`;
  const folder = '/looplens-practice';
  return [
    { fileName: `${folder}/practice-${tag}.js`, text: commonJsPractice(tag) },
    { fileName: `${folder}/practice-${tag}.mjs`, text: esModulePractice(tag) },
    { fileName: `${folder}/partner-${tag}.mjs`, text: partnerPractice(tag) },
  ];
}

/**
 * A large practice file: copies of the CommonJS practice script, each with names of its own (about
 * 120 lines per copy). Small files alone leave the first checks of a large document slow: its parse
 * and walks run long enough to need code optimised for long runs and a heap grown for a large tree,
 * which only checks of large inputs bring.
 */
export function largePracticeFile(round: number, copies: number): PracticeFile {
  const parts: string[] = [];
  for (let copy = 0; copy < copies; copy++) parts.push(commonJsPractice(`l${round}c${copy}`));
  return { fileName: `/looplens-practice/large-l${round}.js`, text: parts.join('\n') };
}

/**
 * One top-level declaration of a dense module, of the shape `shape` selects (ten shapes, each a few
 * lines): what large real files are mostly made of, many small functions, classes, tables and guards.
 */
function denseDeclaration(shape: number, tag: string): string[] {
  switch (shape % 10) {
    case 0:
      return [`export function format_${tag}(value, width = 8, fill = ' ') {`, `  var text = String(value);`, `  const pads = [];`,
        `  for (let i = text.length; i < width; i++) pads.push(fill);`, `  pads.forEach((pad) => { text = pad + text; });`, `  return text;`, `}`];
    case 1:
      // No getter reading `this`: the scopes leave that to the compiler's checker, a one-file program per
      // file (the small practice rounds compile that path), and some of that program outlives the check
      // until a full collection; in a dense round it made the old generation grow ~1.3 MB a round.
      return [`export class Point_${tag} {`, `  constructor(x = 0, y = 0) { this.x = x; this.y = y; }`,
        `  norm() { return Math.hypot(this.x, this.y); }`, `  add(other) { return new Point_${tag}(this.x + other.x, this.y + other.y); }`,
        `  static from([x, y]) { return new Point_${tag}(x, y); }`, `}`];
    case 2:
      return [`const table_${tag} = { name: 'table ${tag}', sizes: [1, 2, 3], pick: (index) => table_${tag}.sizes[index] ?? -1 };`];
    case 3:
      return [`if (typeof format_${tag} === 'function' && table_${tag}.sizes.length > 0) {`, `  console.log(format_${tag}(table_${tag}.pick(1)), \`\${table_${tag}.name}\`);`, `}`];
    case 4:
      return [`const registry_${tag} = new Map([['a', 1], ['b', 2]]);`, `registry_${tag}.forEach((value, key) => { if (value > 1) registry_${tag}.delete(key); });`];
    case 5:
      return [`async function load_${tag}(source) {`, `  const response = await source.read();`,
        `  if (!response.ok) throw new Error('load ${tag} failed: ' + response.status);`, `  return response.items.map((item) => ({ ...item, tag: '${tag}' }));`, `}`];
    case 6:
      return [`function kind_${tag}(node) {`, `  switch (node.type) {`, `    case 'leaf': return 1;`,
        `    case 'pair': return kind_${tag}(node.left) + kind_${tag}(node.right);`, `    default: return 0;`, `  }`, `}`];
    case 7:
      return [`export const handlers_${tag} = [`, `  function onStart(event) { return event.time; },`,
        `  (event) => event.target?.id,`, `];`];
    case 8:
      return [`class Cache_${tag} extends Map {`, `  #hits = 0;`, `  lookup(key, make) {`, `    if (this.has(key)) { this.#hits++; return this.get(key); }`,
        `    const value = make(key);`, `    this.set(key, value);`, `    return value;`, `  }`, `}`];
    default:
      return [`var counter_${tag} = 0;`, `try {`, `  counter_${tag} = JSON.parse('{"n": ${shape}}').n;`, `} catch (error) {`, `  console.error(error.message);`, `}`];
  }
}

/**
 * A dense practice module of about `lines` lines: many small top-level declarations of every common
 * kind, each with names of its own. The first checks of a large document run code V8 optimises only
 * once it has run often enough, and what runs often in a large file is the work done per declaration
 * (parsing a class member, walking a function's scope, checking a statement), which the script-shaped
 * practice files repeat only a few dozen times.
 */
export function densePracticeFile(round: number, lines: number): PracticeFile {
  const out: string[] = [];
  for (let shape = 0; out.length < lines; shape++) out.push(...denseDeclaration(shape, `d${round}x${shape}`));
  return { fileName: `/looplens-practice/dense-d${round}.mjs`, text: out.join('\n') + '\n' };
}
