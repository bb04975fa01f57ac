// The analysis resolves names from lexical scopes (`syntax/scopes.ts`) instead of binding every file
// with the compiler; where it answers itself, the answer must be the compiler's. Every identifier of
// every program the project keeps (the labelled corpus, the analysis and module fixtures, the
// differential corpus with the seed's examples, the examples, and the 5,000-line bench file) is
// resolved both ways on the same tree and the declarations compared node for node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cases } from './analysis-corpus.mjs';
import { core, ts, root, resolversFor } from './analysis-harness.mjs';
import { generateLargeFile } from '../../scripts/bench/generate-workspace.mjs';

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return sourceFiles(join(dir, entry.name));
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [join(dir, entry.name)] : [];
  });
}

/** Scoping corners where a hand-written resolver could part ways with the compiler. */
const corners = {
  'function-first.js': 'var f = 1;\nfunction f() { return f; }\nconsole.log(f);\n{ let g = 1; function g() {} g; }\n',
  'merges.js': 'var a; var a; a;\nfunction b() {} function b() {} b();\nfunction c(p) { var p; let q; { var q; } return p + q; }\nlet d; var d; d;\nclass E {} function E() {} E;\n',
  'parameters.js': 'const outer = 1;\nfunction f(a = outer, b = a, c = inner, d = arguments) { var inner = 2; let outer = 3; return [a, b, c, d, inner, outer]; }\n' +
    'const g = (x = y, y = 1) => x + y;\nfunction h({ p = q, q } = {}, [r = p] = []) { return p + q + r; }\nfunction k(arguments) { return arguments; }\nconst m = () => arguments;\n',
  'expression-names.js': 'const f = function fact(n) { return n ? n * fact(n - 1) : 1; };\nconst C = class Klass { static make() { return new Klass(); } };\n' +
    'const shadow = function same(same) { return same; };\nfact; Klass;\n',
  'blocks.js': 'try { throw 1; } catch (e) { let x = e; { const e = 2; x = e; } } \nfor (let i = 0; i < 2; i++) { setTimeout(() => i); }\nfor (const k in {}) k;\n' +
    'switch (1) { case 1: let s = 1; function inCase() { return s; } break; default: s; inCase(); }\nlabel: for (;;) { break label; }\n',
  'commonjs.js': "const fs = require('fs');\nconst { join } = require('path');\nconst x = require('./x').y;\nexports.a = 1;\nmodule.exports = { fs, join, x, missing };\nmodule.exports.b = exports;\n" +
    "function Foo() {} Foo.prototype.bar = function () { return this; }; Foo.baz = 2; this.top = 1; top;\nif (true) { const inner = require('os'); } inner;\n",
  'script.js': 'var undefined = 1; var globalThis = 2; console.log(undefined, globalThis);\nwith (Math) { PI; }\n',
  'module.mjs': "import def, { named as alias, other } from './m.mjs';\nimport * as ns from './n.mjs';\nexport const a = def + alias;\nexport default function main() { return main; }\n" +
    'export function b() { return a + b + other + ns; }\nexport { a as c };\nclass Base {}\nexport class Sub extends Base {}\nexport class Far extends alias {}\nc;\nmain();\nconst obj = { a, b, other, nowhere };\n',
  'anonymous-default.mjs': 'export default class { static self() { return this; } }\nlet later = 1;\nexport { later };\n',
  'types.ts': "import type { T } from './t';\ninterface Shape { size: number }\nconst Shape = 1;\ntype Alias = Shape;\nenum Color { Red, Green = Red }\nconst enum Fixed { A }\n" +
    'namespace NS { export const v = 1; const w = v; }\nNS.v;\nclass P { constructor(private readonly p: number, q: string) { console.log(p, q); } m(@dec x: number) { return x; } }\n' +
    'function dec(...args: unknown[]) { return args; }\n@dec class Decorated { @dec method() {} }\nlet n: T | Alias = Color.Red + Fixed.A;\nfunction over(a: string): void;\nfunction over(a: unknown) { return a; }\nover(n);\n',
  'members.js': 'class A { constructor() { this.x = 1; this.run(); } run() { return this.x + this.y; } static make() { return A.make() || this.make(); } get y() { return 1; } set y(v) {} }\n' +
    'class B extends A { run() { return super.run() + this.go() + this.make; } }\nconst a = new A(); a.run(); a.x; A.make();\n' +
    'const api = { get() { return api.put(); }, put: () => 1, [`k`]: 2 };\napi.get(); api.put();\nconst spread = { ...api, own() {} }; spread.own(); spread.get();\n' +
    'const grown = { a() {} }; grown.b = function () {}; grown.a(); grown.b();\nfunction F() { this.m = 1; } F.prototype.n = function () { return this.m; }; new F().n();\n' +
    'const obj = { m() { return this.m(); } };\nconsole.log(obj); window.x = 1; window.x; globalThis.obj; self.y; module.exports.z = 1; exports.w; require.cache;\n',
  'globals.js': 'var top = 1;\nglobalThis.top; console.log(globalThis.top); process.nextTick(() => {});\n',
  'inheritance.js': 'class Animal { move() { return 1; } static create() { return new this(); } }\nclass Dog extends Animal { bark() { return this.move() + this.bark() + this.missing; } }\n' +
    'class Cat extends Animal { move() { return super.move(); } purr() { return this.move(); } }\nconst d = new Dog(); d.move(); Dog.create(); Cat.create(); d.bark();\n' +
    "const Base = require('./base');\nclass Ext extends Base { run() { return this.go(); } }\nclass Patched { a() {} }\nPatched.prototype.b = function () {}; Patched.c = 1;\n" +
    'new Patched().a(); new Patched().b(); Patched.c; class Indexed { static s() {} } Indexed.s();\nclass Loop extends Loop { m() { return this.x; } }\n',
  'global-chains.js': 'Promise.resolve().then(() => 1).then(String); new Thing().go(); JSON.parse(\'{}\').x.y; (Math).max(1); Array.from([1]).map(String);\n' +
    "require('fs').readFileSync; window.app = {}; window.app.start(); new Promise((r) => r()).then(() => {});\nclass Own { m() {} } new Own().m(); new Own().n;\n",
  'inheritance.ts': 'class A<T> { get(): T | undefined { return undefined; } }\nclass B extends A<number> { run() { return this.get(); } }\nclass C { [key: string]: unknown; m() { return this.other; } }\n',
  'members.ts': 'class P { constructor(private q: number) {} m(): number; m(x?: number) { return this.q + this.m(); } static s = P.t(); static t() { return 1; } #p = 1; r() { return this.#p; } }\n' +
    'interface P { extra(): void }\nclass Q { a() { return this.a(); } }\nconst q: Q = new Q(); q.a(); const q2 = new Q(); q2.a();\n',
  'this-members.js': 'function Parser(input) { this.input = input; this.start(); }\nParser.prototype.start = function () { return this.next() + this.input; };\n' +
    'var pp = Parser.prototype;\npp.next = function () { var self = this; self.skip(); return () => this.peek(); };\npp[\'x\'] = function () { return this.next; };\n' +
    'Parser.parse = function (input) { return new this(input).start() + new Parser(input).next(); };\nvar Other = function () { this.reset(); };\n' +
    'function Replaced() {}\nReplaced.prototype = { a: function () { return this.b(); }, b() {} };\nReplaced.prototype.c = function () { return this.a(); };\n' +
    'var moved = Other.prototype; moved = {}; moved.d = function () { return this.reset(); };\nclass K { m() {} }\nK.prototype.x = function () { return this.m(); };\n' +
    '/** @constructor */\nfunction Documented() { this.j(); }\nvar api = { start() { return this.stop(); }, stop: function () { return this.start; }, \'q\': 1, get g() { return this.q; }, arrow: () => this.stop };\n' +
    'var quoted = { m() { return this.n(); }, n() {}, \'n\': 2 };\nvar grown = { a() { return this.b(); } }; grown.b = function () { return this.a(); };\n' +
    'function take(o) { return o; }\ntake({ m() { return this.n(); }, n() {} });\nObject.assign(Parser.prototype, { p() { return this.q(); }, q() {} });\nnew Thing({ u() { return this.v(); }, v() {} });\n' +
    'class Aliased { a() { const self = this; let that = this; that = null; return self.b() + that.b(); } b() {} }\nfunction Counter() {} var cp = Counter.prototype; cp++; cp.z = function () { return this.z; };\n',
  'class-expressions.js': 'var Stream = class Stream { static nil() { return new Stream(); } [Symbol.iterator]() { return this.next(); } next() { return Stream.nil(); } };\n' +
    'Stream.nil(); new Stream().next(); var s = new Stream(); s.next();\nvar Named = class Inner { static make() {} }; Named.make(); Named.extra = 1; Named.make;\n' +
    'var Moved = class { static a() {} }; Moved = null; Moved.a();\nvar keyed = { [Symbol.iterator]() {}, m() { return this.m(); }, [key]() {} };\nvar key = \'m\';\n' +
    'class Dynamic { [key]() {} n() { return this.n(); } }\n',
  'this-jsdoc.js': '/** @typedef {{ stop(): number }} Api */\n/** @satisfies {Api} */\nvar api = { start() { return this.stop(); }, stop() { return 1; } };\n' +
    'var api2 = {\n  /** @this {Api} */\n  go() { return this.stop(); },\n  stop() { return 2; },\n};\n/** @type {Api} */\nvar first = 1, api3 = { start() { return this.stop(); }, stop() { return 1; } };\n' +
    'function R() { return { m() {} }; }\nnew R().m;\nfunction S() { this.a = 1; return { m() {} }; }\nnew S().m;\n',
  'this-members.ts': 'const api = { start() { return this.stop(); }, stop() { return 1; } };\nconst typed: { stop(): number } = { stop() { return this.stop(); } };\n' +
    'function F(this: { g(): void }) { return this.g(); }\nclass C { a() { const self = this; return self.b(); } b() {} }\n',
  'jsx.jsx': 'const Item = () => null;\nconst label = 1;\nexport const List = () => <div className="x" data={label}><Item key={label} /></div>;\n',
};

function programs() {
  const list = Object.entries(corners).map(([name, text]) => ({ name: `corners/${name}`, text }));
  for (const testCase of cases) for (const [name, text] of Object.entries(testCase.files)) list.push({ name: `corpus/${testCase.name}/${name}`, text });
  for (const dir of ['test/fixtures', 'test/differential/corpus', 'examples']) {
    for (const file of sourceFiles(join(root, dir))) list.push({ name: file.slice(root.length + 1), text: readFileSync(file, 'utf8') });
  }
  list.push({ name: 'bench-5k.js', text: generateLargeFile({ lines: 5000 }) });
  return list;
}

/** Where a node is, for a failure message. */
function describe(node) {
  if (!node) return 'nothing';
  const sourceFile = node.getSourceFile();
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  return `${ts.SyntaxKind[node.kind]} at ${line + 1}:${character + 1}`;
}

test('scope resolution answers as the compiler does, on every identifier of the corpus, fixtures, examples and bench file', () => {
  let identifiers = 0;
  let handedToChecker = 0;
  const mismatches = [];
  for (const { name, text } of programs()) {
    const { sourceFile, scopes, reference, askedChecker } = resolversFor(text, `/virtual/${name}`);
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.Identifier || node.kind === ts.SyntaxKind.PropertyAccessExpression) {
        identifiers++;
        const expected = reference.declarationsOf(node);
        const actual = scopes.declarationsOf(node);
        if (expected.length !== actual.length || expected.some((declaration, i) => declaration !== actual[i])) {
          mismatches.push(`${name}: '${node.getText(sourceFile)}' (${describe(node)}, in ${ts.SyntaxKind[node.parent.kind]}): compiler ${expected.map(describe).join(', ') || 'nothing'}, scopes ${actual.map(describe).join(', ') || 'nothing'}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    handedToChecker += askedChecker();
  }
  // Most questions must be answered without the checker, or the speed-up is lost.
  assert.ok(identifiers > 20000, `only ${identifiers} identifiers compared`);
  assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} of ${identifiers} identifiers resolved differently`);
  console.log(`# ${identifiers} identifiers compared; ${handedToChecker} handed to the checker`);
  // Measured when written: 8,397 of 35,533 (24 %), mostly property names of values returned by calls.
  assert.ok(handedToChecker < identifiers * 0.3, `${handedToChecker} of ${identifiers} questions went to the checker`);
});

test('a tree parsed with its parents already linked (as the incremental parser returns it) resolves the same', () => {
  // The walk does not link such a tree again; its answers must not depend on who linked the parents.
  const mismatches = [];
  let identifiers = 0;
  const texts = [...Object.entries(corners), ['bench-5k.js', generateLargeFile({ lines: 1000 })]];
  for (const [name, text] of texts) {
    const linked = core.parseSource(ts, text, `/virtual/${name}`, true);
    const unlinked = core.parseSource(ts, text, `/virtual/${name}`, false);
    const fallback = (sourceFile) => () => core.createBindingResolver(ts, sourceFile, { bindNow: true });
    const fromLinked = core.createScopeResolver(ts, linked, fallback(linked));
    const fromUnlinked = core.createScopeResolver(ts, unlinked, fallback(unlinked));
    // Both trees have the same shape: walk them side by side and compare answers by position.
    const where = (nodes) => nodes.map((node) => `${node.kind}@${node.pos}`).join(',');
    const compare = (a, b) => {
      if (a.kind === ts.SyntaxKind.Identifier || a.kind === ts.SyntaxKind.PropertyAccessExpression) {
        identifiers++;
        const expected = where(fromUnlinked.declarationsOf(b));
        const actual = where(fromLinked.declarationsOf(a));
        if (expected !== actual) mismatches.push(`${name}: ${a.getText(linked)} at ${a.pos}: ${actual} instead of ${expected}`);
      }
      const childrenA = [];
      const childrenB = [];
      ts.forEachChild(a, (child) => { childrenA.push(child); });
      ts.forEachChild(b, (child) => { childrenB.push(child); });
      assert.equal(childrenA.length, childrenB.length);
      childrenA.forEach((child, i) => compare(child, childrenB[i]));
    };
    compare(linked, unlinked);
  }
  assert.ok(identifiers > 3000, `only ${identifiers} identifiers compared`);
  assert.deepEqual(mismatches.slice(0, 20), []);
});
