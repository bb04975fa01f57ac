// The sandbox's inspect/format against the real util.inspect/util.format of the Node running the
// tests: the expected text is always produced by Node itself, at test time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import util from 'node:util';
import fc from 'fast-check';
import { preamble, values, withOptions, formatCalls } from './inspect-corpus.mjs';

const require = createRequire(import.meta.url);
const sandbox = require('../../dist/test/inspect.js');

function evaluate(expression) {
  return new Function(`${preamble}\nreturn (${expression});`)();
}

// A host hook equivalent to the one the engine gives (QuickJS reveals promise states to the host);
// here the state is learnt by subscribing and letting the microtasks run.
const promiseStates = new WeakMap();
sandbox.setPromiseInspector((value) => {
  if (!(value instanceof Promise)) return undefined;
  return promiseStates.get(value) ?? { state: 'pending' };
});
async function settle(value) {
  if (value instanceof Promise) {
    value.then((result) => promiseStates.set(value, { state: 'fulfilled', value: result }),
      (error) => promiseStates.set(value, { state: 'rejected', value: error }));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('the value corpus is large enough to mean something', () => {
  assert.ok(values.length + withOptions.length >= 150, `only ${values.length + withOptions.length} values`);
});

test('inspect matches util.inspect on the value corpus', async () => {
  const mismatches = [];
  for (const expression of values) {
    const value = evaluate(expression);
    await settle(value);
    const expected = util.inspect(value);
    const actual = sandbox.inspect(value);
    if (actual !== expected) mismatches.push(`${expression}\n--- node:\n${expected}\n--- sandbox:\n${actual}`);
  }
  assert.deepEqual(mismatches, []);
});

test('inspect matches util.inspect with options', () => {
  const mismatches = [];
  for (const [expression, options] of withOptions) {
    const value = evaluate(expression);
    const expected = util.inspect(value, options);
    const actual = sandbox.inspect(value, options);
    if (actual !== expected) mismatches.push(`${expression} ${JSON.stringify(options)}\n--- node:\n${expected}\n--- sandbox:\n${actual}`);
  }
  assert.deepEqual(mismatches, []);
});

test('rejected and pending promises print as Node prints them', async () => {
  const rejected = Promise.reject(new Error('nope'));
  rejected.catch(() => {});
  const cases = [rejected, new Promise(() => {}), Promise.resolve({ deep: { er: [1] } })];
  for (const value of cases) await settle(value);
  for (const value of cases) assert.equal(sandbox.inspect(value), util.inspect(value));
  assert.equal(sandbox.inspect({ p: cases[2] }), util.inspect({ p: cases[2] }));
});

test('format matches util.format on the call corpus', () => {
  const mismatches = [];
  for (const call of formatCalls) {
    const args = evaluate(call);
    const expected = util.format(...args);
    const actual = sandbox.format(...args);
    if (actual !== expected) mismatches.push(`${call}\n--- node:\n${expected}\n--- sandbox:\n${actual}`);
  }
  assert.deepEqual(mismatches, []);
});

test('formatWithOptions passes its options on', () => {
  const args = [{ a: { b: { c: { d: 1 } } } }, 'and', [1, 2, 3]];
  for (const options of [{ depth: 0 }, { compact: false }, { breakLength: 5 }]) {
    assert.equal(sandbox.formatWithOptions(options, ...args), util.formatWithOptions(options, ...args));
  }
});

// Random values: strings with awkward characters, numbers incl. -0, bigints, symbols, nested
// objects, arrays, Maps and Sets, plus circular references added afterwards.
const keyArbitrary = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a', 'b', 'key_1', '__proto__x', 'with space', "q'uote", '0', '12'));
const leafArbitrary = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom("it's", 'say "hi"', "it's \"both\"", 'new\nline', '\u0000\u001f\u007f', '😀', '中文'),
  fc.integer(), fc.double(), fc.constant(-0), fc.bigInt(), fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.string({ maxLength: 5 }).map((description) => Symbol(description)),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafArbitrary, tie('object'), tie('array'), tie('map'), tie('set')),
  object: fc.dictionary(keyArbitrary, tie('tree'), { maxKeys: 6 }),
  array: fc.array(tie('tree'), { maxLength: 12 }),
  map: fc.array(fc.tuple(tie('tree'), tie('tree')), { maxLength: 4 }).map((entries) => new Map(entries)),
  set: fc.array(tie('tree'), { maxLength: 5 }).map((entries) => new Set(entries)),
}));

function addCycles(value, seed) {
  // Point a few nested objects back at an ancestor, the way real programs create cycles.
  const stack = [];
  let counter = seed;
  const visit = (node) => {
    if (node === null || typeof node !== 'object' || stack.includes(node)) return;
    stack.push(node);
    if (Array.isArray(node)) node.forEach(visit);
    else if (node instanceof Map) node.forEach((entry) => visit(entry));
    else if (!(node instanceof Set)) Object.values(node).forEach(visit);
    if (counter++ % 3 === 0 && !(node instanceof Map) && !(node instanceof Set)) {
      const target = stack[counter % stack.length];
      if (Array.isArray(node)) node.push(target);
      else node[`cycle${counter}`] = target;
    }
    stack.pop();
  };
  visit(value);
  return value;
}

test('inspect matches util.inspect on random values (fast-check)', () => {
  fc.assert(fc.property(tree, (value) => {
    assert.equal(sandbox.inspect(value), util.inspect(value));
  }), { numRuns: 400 });
});

test('inspect matches util.inspect on random values with cycles and options (fast-check)', () => {
  const options = fc.record({
    depth: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    compact: fc.option(fc.oneof(fc.boolean(), fc.integer({ min: 0, max: 4 })), { nil: undefined }),
    breakLength: fc.option(fc.integer({ min: 20, max: 120 }), { nil: undefined }),
  }, { requiredKeys: [] });
  fc.assert(fc.property(tree, fc.nat(), options, (value, seed, inspectOptions) => {
    const cyclic = addCycles(value, seed);
    assert.equal(sandbox.inspect(cyclic, inspectOptions), util.inspect(cyclic, inspectOptions));
  }), { numRuns: 300 });
});

test('format matches util.format on random argument lists (fast-check)', () => {
  const formatString = fc.array(fc.constantFrom('%s', '%d', '%i', '%f', '%j', '%o', '%O', '%c', '%%', '%', 'x', ' ', 'text'), { maxLength: 6 })
    .map((parts) => parts.join(''));
  fc.assert(fc.property(formatString, fc.array(tree, { maxLength: 4 }), (first, rest) => {
    // `%j` of a bigint throws in both; the outcome, text or error message, must be the same.
    const outcome = (format) => {
      try {
        return format(first, ...rest);
      } catch (error) {
        return `threw ${error.name}: ${error.message}`;
      }
    };
    assert.equal(outcome(sandbox.format), outcome(util.format));
  }), { numRuns: 300 });
});

test('getStringWidth measures every code point as Node does', async () => {
  // Node's own measurement is internal; a child process with --expose-internals reports it.
  const { execFileSync } = await import('node:child_process');
  const samples = ['a\u200d😀', '👨‍👩‍👧', 'e\u0301', '\u001b[31mred\u001b[39m', '中文abc', '\ud800x', '\u00ad', 'Ａ', '\u0007bell'];
  const script = `
    const { getStringWidth } = require('internal/util/inspect');
    const widths = [];
    for (let cp = 0; cp < 0x110000; cp++) if (cp < 0xd800 || cp > 0xdfff) widths.push(getStringWidth(String.fromCodePoint(cp)));
    process.stdout.write(JSON.stringify({ widths, samples: ${JSON.stringify(samples)}.map((s) => getStringWidth(s)) }));`;
  const expected = JSON.parse(execFileSync(process.execPath, ['--expose-internals', '-e', script], { maxBuffer: 1 << 26 }).toString());
  const mismatches = [];
  let index = 0;
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const actual = sandbox.getStringWidth(String.fromCodePoint(cp));
    if (actual !== expected.widths[index]) mismatches.push(`U+${cp.toString(16)}: node ${expected.widths[index]}, sandbox ${actual}`);
    index++;
  }
  samples.forEach((sample, i) => {
    if (sandbox.getStringWidth(sample) !== expected.samples[i]) mismatches.push(`${JSON.stringify(sample)}: node ${expected.samples[i]}`);
  });
  assert.deepEqual(mismatches.slice(0, 20), []);
});

test('proxies print as their target, without running traps, once proxy tracking is installed', () => {
  // The tracking replaces `Proxy` on the object it is given; a stand-in global keeps Node's own intact.
  const fakeGlobal = { Proxy };
  sandbox.installProxyTracking(fakeGlobal);
  try {
    const trapCalls = [];
    const handler = { get(target, key) { trapCalls.push(key); return Reflect.get(target, key); }, ownKeys(target) { trapCalls.push('ownKeys'); return Reflect.ownKeys(target); } };
    const proxy = new fakeGlobal.Proxy({ a: 1, nested: { b: [1, 2] } }, handler);
    const arrayProxy = new fakeGlobal.Proxy([1, 2, 3], {});
    const functionProxy = new fakeGlobal.Proxy(function target() {}, {});
    const { proxy: revoked, revoke } = fakeGlobal.Proxy.revocable({}, {});
    revoke();
    const cases = [proxy, [proxy], { proxy }, arrayProxy, functionProxy, revoked];
    for (const value of cases) assert.equal(sandbox.inspect(value), util.inspect(value));
    for (const args of [['%o', proxy], ['%s', proxy], ['%O', arrayProxy], ['%o', [revoked]]]) {
      assert.equal(sandbox.format(...args), util.format(...args));
    }
    assert.equal(sandbox.inspect(proxy, { showProxy: true, depth: 0 }), util.inspect(proxy, { showProxy: true, depth: 0 }));
    assert.deepEqual(trapCalls, []);
    // A proxy of a proxy is unwrapped once; Node then runs the inner proxy's traps, and so may we.
    const nested = new fakeGlobal.Proxy(proxy, {});
    assert.equal(sandbox.inspect(nested), util.inspect(nested));
    assert.throws(() => fakeGlobal.Proxy({}, {}), TypeError);
    assert.equal(fakeGlobal.Proxy.name, 'Proxy');
    assert.equal(fakeGlobal.Proxy.prototype, undefined);
  } finally {
    sandbox.setProxyInspector(undefined);
  }
});
