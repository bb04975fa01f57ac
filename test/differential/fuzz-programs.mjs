// Random scheduling programs for the differential fuzz test (fuzz.test.mjs): a fast-check
// arbitrary of small statement trees, and a renderer that turns a tree into JavaScript, as a
// CommonJS file or as an ES module. Every callback starts by printing a unique label (L1, L2, ...),
// so the printed order is the scheduling order the prediction has to reproduce.
//
// Statement kinds: log; setTimeout with equal and different delays, nested, cleared (by id, from
// any later callback); setImmediate; process.nextTick; queueMicrotask; promise chains; async
// functions awaiting null / a resolved promise / a thenable / a timer / an async function that
// returns a promise; thenables; setInterval cleared after 1-3 runs; EventEmitter (on, once, sync
// emit); errors thrown and caught, rejections caught; rarely an uncaught throw or an unhandled
// rejection inside a callback (the process then crashes: stderr and exit code are compared).
// With `generators` (see programArbitrary): sync generators driven by for-of, next(), spread,
// yield* delegation, return() and throw() (a finally block prints when the generator closes), and
// async generators consumed with for await, which await null / a resolved promise / a timer,
// yield a promise, and delegate with yield* to a sync iterable or another async generator.
//
// Delays are 0, 1 (both mean 1 ms in Node) or 100 ms, for timeouts and intervals alike, so that
// different-delay timers are far apart in time and the real order does not hinge on a few
// milliseconds of jitter. (On a busy machine the main script and its first callbacks can take tens
// of milliseconds, e.g. the first console.log: measured, a 40 ms interval from the main script then
// ran before a 1 ms interval created in a nextTick right after it. Hence 100 ms, not 5 or 40.)

import fc from 'fast-check';

const LONG_DELAY = 100;
const DELAYS = [0, 1, LONG_DELAY];

/** How a sync generator statement drives its generator. */
const SYNC_DRIVES = ['forOf', 'next', 'spread', 'delegate', 'return', 'throw'];
/** What an async generator awaits between its two yields. */
const ASYNC_GENERATOR_AWAITS = ['null', 'resolved', 'timer', 'yieldPromise', 'delegateSync', 'delegateAsync'];

/**
 * The generator statement kinds, weighted like the other statements that schedule a callback:
 * 'sync' gives sync generators only, true both kinds. They are an option because the program drawn
 * for a seed depends on the whole list of kinds: adding them changes every program of a seed, and
 * the CI seed has to pass again before that can happen. (Async generators were held back while
 * `for await` over one ended two microtask ticks late, fuzz-found/fuzz-cb51bce044.js; fixed.)
 */
function generatorStatements(tie, generators) {
  const sync = { arbitrary: fc.record({ kind: fc.constant('syncGenerator'), drive: fc.constantFrom(...SYNC_DRIVES), body: tie('statements') }), weight: 20 };
  const async = { arbitrary: fc.record({ kind: fc.constant('asyncGenerator'), awaited: fc.constantFrom(...ASYNC_GENERATOR_AWAITS), body: tie('statements'), after: tie('statements') }), weight: 20 };
  if (generators === 'sync') return [sync];
  return generators ? [sync, async] : [];
}

/**
 * The fast-check arbitrary of a program: { body: Statement[] }. `generators` ('sync' or true) adds
 * generator statement kinds (off by default: it changes every program of a seed).
 */
export function programArbitrary({ maxDepth = 3, generators = false } = {}) {
  const { statements } = fc.letrec((tie) => ({
    statements: fc.array(tie('statement'), { minLength: 1, maxLength: 3 }),
    leafStatements: fc.array(tie('leaf'), { minLength: 1, maxLength: 2 }),
    leaf: fc.oneof(
      { arbitrary: fc.constant({ kind: 'log' }), weight: 6 },
      { arbitrary: fc.constant({ kind: 'caughtThrow' }), weight: 1 },
      { arbitrary: fc.constant({ kind: 'caughtRejection' }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant('clearTimer'), target: fc.nat(20) }), weight: 2 },
    ),
    statement: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      { arbitrary: tie('leaf'), weight: 30 },
      { arbitrary: fc.record({ kind: fc.constant('timeout'), delay: fc.constantFrom(...DELAYS), body: tie('statements'), clearedAtOnce: fc.boolean() }), weight: 40 },
      { arbitrary: fc.record({ kind: fc.constant('immediate'), body: tie('statements') }), weight: 30 },
      { arbitrary: fc.record({ kind: fc.constant('nextTick'), body: tie('statements') }), weight: 30 },
      { arbitrary: fc.record({ kind: fc.constant('queueMicrotask'), body: tie('statements') }), weight: 20 },
      { arbitrary: fc.record({ kind: fc.constant('promiseChain'), links: fc.array(tie('statements'), { minLength: 1, maxLength: 3 }) }), weight: 30 },
      {
        arbitrary: fc.record({
          kind: fc.constant('asyncFunction'),
          before: tie('statements'),
          awaited: fc.constantFrom('null', 'resolved', 'thenable', 'timer', 'asyncReturningPromise'),
          after: tie('statements'),
        }),
        weight: 30,
      },
      { arbitrary: fc.record({ kind: fc.constant('thenable'), inThen: tie('statements'), after: tie('statements') }), weight: 20 },
      { arbitrary: fc.record({ kind: fc.constant('interval'), delay: fc.constantFrom(1, LONG_DELAY), runs: fc.integer({ min: 1, max: 3 }), body: tie('leafStatements') }), weight: 10 },
      { arbitrary: fc.record({ kind: fc.constant('emitter'), onceBody: tie('statements'), onBody: tie('statements') }), weight: 10 },
      { arbitrary: fc.record({ kind: fc.constant('uncaught'), how: fc.constantFrom('throw', 'reject') }), weight: 2 },
      ...generatorStatements(tie, generators),
    ),
  }));
  return statements.map((body) => ({ body }));
}

/**
 * Renders a program. `flavor` is 'cjs' or 'esm' (only the EventEmitter import differs). Returns
 * { code, usesEmitter }. Labels are numbered in render order, so the same tree always renders to
 * the same text.
 */
export function renderProgram(program, flavor) {
  let nextLabel = 1;
  let timerCount = 0;
  let usesEmitter = false;
  const label = () => `L${nextLabel++}`;
  const log = (indent) => `${indent}console.log('${label()}');`;

  function block(statements, indent) {
    return statements.map((statement) => render(statement, indent)).join('\n');
  }

  function render(statement, indent) {
    const inner = `${indent}  `;
    switch (statement.kind) {
      case 'log':
        return log(indent);
      case 'caughtThrow': {
        const name = label();
        return `${indent}try { throw new Error('${name}'); } catch (error) { console.log('caught', error.message); }`;
      }
      case 'caughtRejection': {
        const name = label();
        return `${indent}Promise.reject(new Error('${name}')).catch((error) => console.log('caught', error.message));`;
      }
      case 'clearTimer':
        return timerCount === 0
          ? `${indent}clearTimeout(undefined);`
          : `${indent}clearTimeout(timers[${statement.target % timerCount}]);`;
      case 'timeout': {
        const id = timerCount++;
        const head = log(inner);
        const text = `${indent}timers[${id}] = setTimeout(() => {\n${head}\n${block(statement.body, inner)}\n${indent}}, ${statement.delay});`;
        return statement.clearedAtOnce ? `${text}\n${indent}clearTimeout(timers[${id}]);` : text;
      }
      case 'immediate':
        return `${indent}setImmediate(() => {\n${log(inner)}\n${block(statement.body, inner)}\n${indent}});`;
      case 'nextTick':
        return `${indent}process.nextTick(() => {\n${log(inner)}\n${block(statement.body, inner)}\n${indent}});`;
      case 'queueMicrotask':
        return `${indent}queueMicrotask(() => {\n${log(inner)}\n${block(statement.body, inner)}\n${indent}});`;
      case 'promiseChain': {
        const links = statement.links.map((link) => `.then(() => {\n${log(inner)}\n${block(link, inner)}\n${indent}})`).join('');
        return `${indent}Promise.resolve()${links};`;
      }
      case 'asyncFunction': {
        const awaited = {
          null: 'null',
          resolved: 'Promise.resolve()',
          thenable: '{ then(resolve) { resolve(); } }',
          timer: 'new Promise((resolve) => setTimeout(resolve, 0))',
          asyncReturningPromise: '(async () => Promise.resolve())()',
        }[statement.awaited];
        return `${indent}(async () => {\n${log(inner)}\n${block(statement.before, inner)}\n${inner}await ${awaited};\n${log(inner)}\n${block(statement.after, inner)}\n${indent}})();`;
      }
      case 'thenable': {
        const thenBody = `${log(`${inner}  `)}\n${block(statement.inThen, `${inner}  `)}\n${inner}  resolve();`;
        return `${indent}Promise.resolve({\n${inner}then(resolve) {\n${thenBody}\n${inner}},\n${indent}}).then(() => {\n${log(inner)}\n${block(statement.after, inner)}\n${indent}});`;
      }
      case 'interval': {
        // The interval clears itself through its own closure, so that a callback that runs more
        // than once (an 'on' listener, another interval) cannot leave an interval running forever
        // by overwriting its slot in `timers`.
        const id = timerCount++;
        const counter = `runs${id}`;
        const handle = `interval${id}`;
        return `${indent}{\n${inner}let ${counter} = 0;\n${inner}const ${handle} = setInterval(() => {\n${inner}  ${counter} += 1;\n${inner}  console.log('${label()}', ${counter});\n${block(statement.body, `${inner}  `)}\n${inner}  if (${counter} === ${statement.runs}) clearInterval(${handle});\n${inner}}, ${statement.delay});\n${inner}timers[${id}] = ${handle};\n${indent}}`;
      }
      case 'emitter': {
        usesEmitter = true;
        const event = label();
        return `${indent}{\n${inner}const emitter = new EventEmitter();\n${inner}emitter.once('${event}', () => {\n${log(`${inner}  `)}\n${block(statement.onceBody, `${inner}  `)}\n${inner}});\n${inner}emitter.on('${event}', () => {\n${log(`${inner}  `)}\n${block(statement.onBody, `${inner}  `)}\n${inner}});\n${inner}emitter.emit('${event}');\n${inner}emitter.emit('${event}');\n${log(inner)}\n${indent}}`;
      }
      case 'syncGenerator':
        return renderSyncGenerator(statement, indent);
      case 'asyncGenerator':
        return renderAsyncGenerator(statement, indent);
      case 'spin':
        // Never generated: fuzz-stress.mjs inserts it to make real node slow at one place (a
        // busy wait of 2-3 ms that prints nothing), so a timing-dependent order shows up.
        return `${indent}{ const until = Date.now() + ${statement.ms ?? 3}; while (Date.now() < until); }`;
      case 'uncaught': {
        const name = label();
        return statement.how === 'throw' ? `${indent}throw new Error('${name}');` : `${indent}Promise.reject(new Error('${name}'));`;
      }
      default:
        throw new Error(`unknown statement kind ${statement.kind}`);
    }
  }

  // A generator that prints when it starts, between its yields runs the statement's body, and
  // prints in a finally block when it closes (by return(), throw() or the end of a for-of).
  function syncGeneratorFunction(name, statement, indent) {
    const inner = `${indent}  `;
    const deeper = `${inner}  `;
    const start = log(inner);
    const body = block(statement.body, deeper);
    const closing = log(deeper);
    return `${indent}function* ${name}() {\n${start}\n${inner}try {\n${deeper}yield 1;\n${body}\n${deeper}yield 2;\n${inner}} finally {\n${closing}\n${inner}}\n${indent}}`;
  }

  function renderSyncGenerator(statement, indent) {
    const inner = `${indent}  `;
    const name = `generator${nextLabel}`;
    const definition = syncGeneratorFunction(name, statement, inner);
    let drive;
    switch (statement.drive) {
      case 'forOf':
        drive = `${inner}for (const value of ${name}()) console.log('${label()}', value);`;
        break;
      case 'next': {
        const first = label();
        const second = label();
        drive = `${inner}const iterator = ${name}();\n${inner}console.log('${first}', iterator.next().value);\n${inner}console.log('${second}', JSON.stringify(iterator.next()), JSON.stringify(iterator.next()));`;
        break;
      }
      case 'spread':
        drive = `${inner}console.log('${label()}', [...${name}()].join());`;
        break;
      case 'delegate':
        drive = `${inner}function* outer() {\n${inner}  yield 0;\n${inner}  yield* ${name}();\n${inner}  yield 3;\n${inner}}\n${inner}for (const value of outer()) console.log('${label()}', value);`;
        break;
      case 'return':
        drive = `${inner}const iterator = ${name}();\n${inner}iterator.next();\n${inner}console.log('${label()}', JSON.stringify(iterator.return(7)));`;
        break;
      case 'throw': {
        const name2 = label();
        drive = `${inner}const iterator = ${name}();\n${inner}iterator.next();\n${inner}try { iterator.throw(new Error('${name2}')); } catch (error) { console.log('caught', error.message); }`;
        break;
      }
      default:
        throw new Error(`unknown generator drive ${statement.drive}`);
    }
    return `${indent}{\n${definition}\n${drive}\n${indent}}`;
  }

  function renderAsyncGenerator(statement, indent) {
    const inner = `${indent}  `;
    const deeper = `${inner}  `;
    const name = `asyncGenerator${nextLabel}`;
    const start = log(deeper);
    const middle = {
      null: `${deeper}await null;`,
      resolved: `${deeper}await Promise.resolve();`,
      timer: `${deeper}await new Promise((resolve) => setTimeout(resolve, 0));`,
      yieldPromise: `${deeper}yield Promise.resolve('p');`,
      delegateSync: `${deeper}yield* ['s1', 's2'];`,
      delegateAsync: `${deeper}yield* (async function* () { yield 'a1'; await null; yield 'a2'; })();`,
    }[statement.awaited];
    const body = block(statement.body, deeper);
    const definition = `${inner}async function* ${name}() {\n${start}\n${deeper}yield 1;\n${middle}\n${body}\n${deeper}yield 2;\n${inner}}`;
    const loop = `${inner}for await (const value of ${name}()) console.log('${label()}', value);`;
    const after = `${log(inner)}\n${block(statement.after, inner)}`;
    return `${indent}(async () => {\n${definition}\n${loop}\n${after}\n${indent}})();`;
  }

  const body = block(program.body, '');
  const header = usesEmitter
    ? (flavor === 'esm' ? "import { EventEmitter } from 'events';\n" : "const { EventEmitter } = require('events');\n")
    : '';
  return { code: `${header}const timers = [];\n${body}\n`, usesEmitter };
}
