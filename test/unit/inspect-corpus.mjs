// The values people print, as JavaScript source expressions, so that the same corpus can be built in
// Node (to compare with the real util.inspect), in QuickJS (the engine the sandbox really runs on)
// and in Chromium (to compare with the real console text). Each expression is evaluated on its own;
// a preamble defines the helper classes the expressions refer to.

export const preamble = `
class Foo { constructor() { this.a = 1; this.b = 'two'; } }
class Bar extends Foo { constructor() { super(); this.c = [1, 2]; } }
class Empty {}
class WithStatic { static x = 1; }
class Tagged { get [Symbol.toStringTag]() { return 'Custom'; } }
function Legacy() { this.x = 1; }
const anonymousClass = (() => class {})();
const circular = { name: 'root' }; circular.self = circular;
const circularArray = [1]; circularArray.push(circularArray);
const twoCycles = { a: {}, b: {} }; twoCycles.a.parent = twoCycles; twoCycles.b.parent = twoCycles; twoCycles.b.sibling = twoCycles.a;
`;

/** Expressions whose inspection must equal Node's util.inspect (default options). */
export const values = [
  // Primitives at top level.
  '1', '0', '-0', '-1.5', 'NaN', 'Infinity', '-Infinity', '1e21', '1e-7', '0.1 + 0.2', 'Number.MAX_SAFE_INTEGER',
  '123n', '-5n', '2n ** 70n', 'true', 'false', 'undefined', 'null',
  "'plain'", "''", "\"it's\"", "`it's \"quoted\"`", "`it's \"both\" and \\`tick\\``", "'a\\nb'", "'tab\\there'",
  "'\\u0000\\u0007\\u001b\\u007f\\u0085'", "'back\\\\slash'", "'emoji 😀'", "'lone \\ud800 surrogate'", "'中文字符'",
  "'x'.repeat(200)", "'line one\\nline two\\nline three that is long enough to wrap around the limit of eighty chars'",
  "Symbol()", "Symbol('desc')", "Symbol.for('registered')", "Symbol.iterator", "Symbol('with space')",
  // Strings inside objects.
  "({ s: 'single' })", "({ s: \"it's\" })", "({ s: `it's \"x\"` })", "({ s: 'a\\nb' })", "['a', 'b', \"c'd\"]",
  "({ long: 'y'.repeat(90) })", "({ multi: 'first line\\nsecond line\\nthird line is long enough to be split over lines' })",
  // Objects and nesting.
  '({})', '({ a: 1 })', "({ a: 1, b: 'x', c: true, d: null, e: undefined })", '({ a: { b: { c: { d: 1 } } } })',
  '({ a: { b: { c: {} } } })', '({ a: { b: { c: [] } } })', '({ a: { b: { c: [1] } } })', '({ a: [1, 2, { b: [3, { c: 4 }] }] })',
  "({ 'a-b': 1, 'x y': 2, '1': 3, valid_id: 4, $dollar: 5, __proto__: { inherited: 1 } })",
  "({ ['__proto__']: 1 })", "({ [Symbol('k')]: 'v', [Symbol.for('g')]: 1 })", '({ [Symbol()]: 1 })',
  "Object.defineProperty({ visible: 1 }, 'hidden', { value: 2, enumerable: false })",
  "({ get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} })",
  "({ f() {}, g: function () {}, h: () => {}, i: async () => {}, j: function* () {} })",
  'Object.create(null)', "Object.assign(Object.create(null), { a: 1 })", 'Object.create({})', 'Object.create(Object.create(null))',
  "({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12, m: 13, n: 14, o: 15, p: 16, q: 17, r: 18, s: 19, t: 20, u: 21, v: 22, w: 23, x: 24, y: 25, z: 26 })",
  "({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dddddddddd', epsilon: 'eeeeeeeeee' })",
  "({ level1: { level2: { level3: { level4: { level5: 'deep' } } } } })",
  "({ arr: [[1, [2, [3, [4, [5]]]]]] })",
  "({ value: 100, done: false })", "({ name: 'Alice', age: 30, tags: ['a', 'b'], address: { city: 'Paris', zip: '75001' } })",
  // Arrays.
  '[]', '[1, 2, 3]', "[1, 'two', [3, [4, [5, [6]]]]]", '[, 1]', '[1, , 3]', '[, , ,]', 'new Array(5)', '[1, , , , 5, , ]',
  "Object.assign([1, 2], { extra: 'yes' })", "Object.assign([], { only: 1 })", "Object.assign([1, , 3], { k: 'v' })",
  'Array.from({ length: 101 }, (_, i) => i)', 'Array.from({ length: 102 }, (_, i) => i)', 'Array.from({ length: 150 }, () => 0)',
  'Array.from({ length: 7 }, (_, i) => i)', 'Array.from({ length: 26 }, (_, i) => i * 1000)', 'Array.from({ length: 30 }, (_, i) => "item" + i)',
  'Array.from({ length: 40 }, (_, i) => i % 3 === 0 ? "s" + i : i)', "Array.from({ length: 12 }, (_, i) => ({ id: i }))",
  'Array.from({ length: 8 }, (_, i) => -i)', 'Array.from({ length: 10 }, (_, i) => BigInt(i) * 1000n)',
  "['short', 'a much much longer string entry here', 'x', 'y', 'z', 'w', 'v']", "Array.from({ length: 20 }, (_, i) => 'x'.repeat(i))",
  '[[1, 2], [3, 4], [5, 6]]', '[{ a: 1 }, { b: 2 }]', '[undefined, null, NaN, -0, 0]', '[[[[[1]]]]]',
  "Array.from({ length: 16 }, (_, i) => '中文' + i)",
  // Map, Set, weak collections.
  'new Map()', "new Map([[1, 'one'], ['two', 2]])", "new Map([[{ a: 1 }, [1, 2]]])", 'new Map([[new Map([[1, 2]]), new Set([3])]])',
  'new Set()', "new Set([1, 'x', { y: 2 }])", 'new Set(Array.from({ length: 120 }, (_, i) => i))',
  "Object.assign(new Map([[1, 2]]), { extra: true })", 'new WeakMap()', 'new WeakSet()', 'new WeakMap([[{}, 1]])',
  "({ m: new Map([['k', { deep: { deeper: { deepest: 1 } } }]]) })",
  // Typed arrays and buffers.
  'new Uint8Array([1, 2, 3])', 'new Uint8Array(0)', 'new Float64Array([1.5, -0, NaN])', 'new Int16Array(3)', 'new BigInt64Array([1n, -2n])',
  'new Uint8Array(120)', 'new ArrayBuffer(4)', 'new Uint8Array([255, 16, 0]).buffer', 'new ArrayBuffer(0)', 'new DataView(new ArrayBuffer(2))',
  "Object.assign(new Uint8Array(2), { tag: 'x' })", 'new Uint8ClampedArray([300])', 'Object.setPrototypeOf(new Uint8Array(2), null)',
  'Object.setPrototypeOf([1, 2], null)', 'Object.setPrototypeOf(new Map([[1, 2]]), null)', 'Object.setPrototypeOf(new Set([1]), null)',
  'Object.setPrototypeOf(new Date(0), null)', 'Object.setPrototypeOf(/x/, null)', 'Object.setPrototypeOf(new Number(1), null)',
  // Dates, regular expressions, boxed primitives.
  'new Date(0)', 'new Date(NaN)', "new Date('2020-02-29T12:34:56.789Z')", "Object.assign(new Date(0), { note: 'x' })",
  '/re/g', '/a\\/b[c]/imsuy', 'new RegExp("")', "Object.assign(/x/, { flag: 1 })",
  'new Number(3)', 'new Number(-0)', "new String('ab')", 'new Boolean(false)', 'Object(Symbol("boxed"))', 'Object(10n)',
  "Object.assign(new String('ab'), { extra: 1 })",
  // Class instances and functions.
  'new Foo()', 'new Bar()', 'new Empty()', 'new Legacy()', 'new Tagged()', 'new (class Point { constructor() { this.x = 1; this.y = 2; } })()',
  'new anonymousClass()', '({ nested: new Foo() })', '[new Foo(), new Bar()]',
  'function f() {}', 'function () {}', '(() => {})', 'async function af() {}', 'async () => {}', 'function* gen() {}',
  'async function* ag() {}', 'Foo', 'Bar', 'Empty', 'anonymousClass', 'WithStatic', 'class extends Foo {}', 'Math.max', 'Array',
  "Object.assign(function withProps() {}, { p: 1, q: 'x' })", "Object.defineProperty(function renamed() {}, 'name', { value: 'other' })",
  "Object.setPrototypeOf(function nullProto() {}, null)", '[function inArray() {}, class InArray {}]',
  '({ method() {}, arrow: () => 1, klass: class K {} })', 'Legacy',
  // Circular references.
  'circular', 'circularArray', 'twoCycles', '({ wrap: circular })', '[circular, circular]',
  // Errors.
  "new Error('boom')", "new TypeError('bad type')", "new RangeError('range')", "Object.assign(new Error('with code'), { code: 'E_CODE' })",
  "Object.assign(new Error('many'), { code: 'X', errno: -2, path: '/tmp/x' })", "({ err: new Error('nested') })",
  "[new Error('in array')]", "(() => { const e = new Error('no stack'); e.stack = undefined; return e; })()",
  "(() => { const e = new Error('custom stack'); e.stack = 'just text'; return e; })()",
  "(() => { const e = new Error('renamed'); e.name = 'CustomError'; return e; })()",
  "new (class MyError extends Error {})('subclass')", "new (class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError'; } })('named')",
  "new Error('outer', { cause: new Error('inner') })", "new Error('cause primitive', { cause: 'text' })",
  "new AggregateError([new Error('a'), new Error('b')], 'agg')", "Object.setPrototypeOf(new Error('null proto'), null)",
  "new Error('')", "new Error('multi\\nline message')",
  // Promises, iterators, tags, custom inspect, arguments.
  'Promise.resolve(1)', 'new Promise(() => {})', "Promise.reject(new Error('rejected')).catch(() => {}) && Promise.resolve({ a: 1 })",
  '[][Symbol.iterator]()', "'abc'[Symbol.iterator]()", '(function* () {})()', "({ [Symbol.toStringTag]: 'OwnTag' })",
  "Object.defineProperty({}, Symbol.toStringTag, { value: 'Hidden' })", "new (class Service { get [Symbol.toStringTag]() { return 'Svc'; } })()",
  "({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'custom!'; } })",
  "({ [Symbol.for('nodejs.util.inspect.custom')]() { return { replaced: true }; } })",
  "({ outer: { [Symbol.for('nodejs.util.inspect.custom')]() { return 'line1\\nline2'; } } })",
  "({ [Symbol.for('nodejs.util.inspect.custom')](depth, options) { return 'depth=' + depth + ' breakLength=' + options.breakLength; } })",
  '(function () { return arguments; })(1, "a")', '(function () { return arguments; })()',
  'globalThis.JSON', 'Math', "({ json: JSON })",
];

/** Expressions paired with options, compared with util.inspect(value, options). */
export const withOptions = [
  ['({ a: { b: { c: { d: { e: 1 } } } } })', { depth: 0 }],
  ['({ a: { b: { c: { d: { e: 1 } } } } })', { depth: 4 }],
  ['({ a: { b: { c: { d: { e: 1 } } } } })', { depth: null }],
  ['({ a: { b: { c: { d: { e: 1 } } } } })', { depth: Infinity }],
  ["({ a: 1, b: 'x', c: [1, 2, 3] })", { compact: false }],
  ["({ a: 1, b: 'x', c: [1, 2, 3], d: { e: { f: 1 } } })", { compact: true }],
  ["({ a: 1, b: 'x', c: [1, 2, 3], d: { e: { f: 1 } } })", { compact: 1 }],
  ["({ a: 1, b: 'x', c: [1, 2, 3] })", { breakLength: 10 }],
  ["Array.from({ length: 30 }, (_, i) => i)", { breakLength: Infinity }],
  ["({ c: 3, a: 1, b: 2 })", { sorted: true }],
  ["[3, 1, 2]", { showHidden: true }],
  ["Object.defineProperty({ visible: 1 }, 'hidden', { value: 2, enumerable: false })", { showHidden: true }],
  ["new Error('shown hidden')", { showHidden: true }],
  ['Array.from({ length: 10 }, (_, i) => i)', { maxArrayLength: 3 }],
  ['new Set([1, 2, 3, 4])', { maxArrayLength: 2 }],
  ['new Map([[1, 1], [2, 2], [3, 3]])', { maxArrayLength: 0 }],
  ["'abcdefghij'", { maxStringLength: 4 }],
  ["({ s: 'abcdefghij' })", { maxStringLength: 1 }],
  ["({ get a() { return { x: 1 }; }, get b() { return 2; }, set b(v) {} })", { getters: true }],
  ['({ n: 1234567.891, big: 123456789n })', { numericSeparator: true }],
  ["({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'custom'; }, a: 1 })", { customInspect: false }],
  ['new Uint8Array([1, 2])', { showHidden: true }],
  ['new Foo()', { showHidden: true }],
];

/** Argument lists for util.format / console.log. */
export const formatCalls = [
  "['plain']", "['%s', 'str']", "['%s', 42]", "['%s', -0]", "['%s', 10n]", "['%s', Symbol('s')]", "['%s', null, undefined]",
  "['%s', { a: 1 }]", "['%s', { a: { b: { c: 1 } } }]", "['%s', [1, [2, [3]]]]", "['%s', new Foo()]",
  "['%s', { toString() { return 'custom toString'; } }]", "['%s', new Date(0)]", "['%s', new Error('in s')]", "['%s', function named() {}]",
  "['%d', '42']", "['%d', 42.5]", "['%d', '0x10']", "['%d', {}]", "['%d', 10n]", "['%d', -0]", "['%i', '42.9px']", "['%i', 10n]", "['%i', -0.5]",
  "['%f', '1.5e3']", "['%f', 'abc']", "['%j', { a: [1, 'x'] }]", "['%j', circular]", "['%j', undefined]", "['%j', 'str']",
  "['%o', { a: [1, 2] }]", "['%o', function f() {}]", "['%O', { a: { b: { c: { d: 1 } } } }]", "['%c styled', 'color: red']",
  "['100%% sure']", "['%%s %s', 'x']", "['%s']", "['%s %s', 'only one']", "['%x unknown', 1]", "['a', 'b', 1, { c: 2 }]",
  "[1, 'string after number', [2]]", "[{ a: 1 }, 'x']", "['%s:%s', 'a', 'b', 'extra', { o: 1 }]", "['trailing %']", "['%']",
  "['%s', 'a\\nb']", "[undefined]", "[null, 1n, -0]", "[Symbol('top')]", "['%s', Symbol.iterator]", "['%s', [1, 2, 3]]",
  "['%s', new Map([[1, 2]])]", "['%s', Object.create(null)]", "['%o', [1, 2, 3]]", "['%s', circular]",
  "['value: %d, name: %s', 5, 'n']", "['%s', 'ab', 'cd']",
];
