// `this.m` (and `self.m` for `var self = this`) answered from the syntax alone (`syntax/scopes.ts`),
// without binding the file with the compiler: each rule must give the compiler's own answer at the
// positions found by text, without asking the checker, and the look-alikes whose answer is not
// certain must still be handed to the checker. The analysis of a file whose only such questions are
// these never creates a compiler program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core, ts, resolversFor } from './analysis-harness.mjs';

/** Resolves the property access that starts at the nth occurrence of `at` both ways. */
function answer(fileName, text, at, nth = 0) {
  const { sourceFile, scopes, reference, askedChecker } = resolversFor(text, `/virtual/${fileName}`);
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(at, offset + 1);
  assert.ok(offset >= 0, `${JSON.stringify(at)} not found`);
  let access;
  const find = (node) => {
    if (!access && node.kind === ts.SyntaxKind.PropertyAccessExpression && node.getStart(sourceFile) === offset && text.startsWith(node.getText(sourceFile), offset)) access = node;
    ts.forEachChild(node, find);
  };
  find(sourceFile);
  assert.ok(access, `no property access at ${JSON.stringify(at)}`);
  const describe = (nodes) => nodes.map((node) => `${ts.SyntaxKind[node.kind]}@${node.getStart(sourceFile)}`).join(',');
  const fromScopes = describe(scopes.declarationsOf(access));
  return { fromScopes, fromChecker: describe(reference.declarationsOf(access)), askedChecker: askedChecker() };
}

const prototypes = `function Parser(input) { this.input = input; this.start(); }
Parser.prototype.start = function () { return this.next(); };
var pp = Parser.prototype;
pp.next = function () { var self = this; self.skip(); return this.peek(); };
pp.peek = function () { return () => this.input; };
Parser.parse = function (input) { return new this(input).start(); };
var Other = function () { this.reset(); };
`;

/** Each rule: a program, the access (by text), and the kinds of what it must denote ('' for nothing). */
const certain = [
  { rule: 'prototype method (X.prototype.m = function)', file: 'proto.js', text: prototypes, at: 'this.next', kinds: '' },
  { rule: 'prototype method through an alias (var pp = X.prototype)', file: 'proto.js', text: prototypes, at: 'this.peek', kinds: '' },
  { rule: 'arrow function inside a prototype method', file: 'proto.js', text: prototypes, at: 'this.input;', kinds: '' },
  { rule: 'var self = this', file: 'proto.js', text: prototypes, at: 'self.skip', kinds: '' },
  { rule: 'constructor function body', file: 'proto.js', text: prototypes, at: 'this.start', kinds: '' },
  { rule: 'constructor function expression body', file: 'proto.js', text: prototypes, at: 'this.reset', kinds: '' },
  { rule: 'new this() in a function assigned to X.name', file: 'proto.js', text: prototypes, at: 'new this(input).start', kinds: '' },
  { rule: 'object literal method (JavaScript)', file: 'literal.js', text: 'var api = { start() { return this.stop(); }, stop: function () { return this.start; } };\n', at: 'this.stop', kinds: 'PropertyAssignment' },
  { rule: 'object literal function-valued property (JavaScript)', file: 'literal.js', text: 'var api = { start() { return this.stop(); }, stop: function () { return this.start; } };\n', at: 'this.start', kinds: 'MethodDeclaration' },
  { rule: 'object literal method (TypeScript)', file: 'literal.ts', text: 'const api = { start() { return this.stop(); }, stop() { return 1; } };\n', at: 'this.stop', kinds: 'MethodDeclaration' },
  { rule: 'Object.assign(X.prototype, {...})', file: 'assign.js', text: 'function X() {}\nObject.assign(X.prototype, { a() { return this.b(); }, b() {} });\n', at: 'this.b', kinds: '' },
  { rule: 'var C = class {...}: its static side', file: 'bundled.js', text: 'var Stream = class Stream { static nil() {} next() {} };\nStream.nil(); new Stream().next();\n', at: 'Stream.nil()', kinds: 'MethodDeclaration' },
  { rule: 'var C = class {...}: an instance', file: 'bundled.js', text: 'var Stream = class Stream { static nil() {} next() {} };\nStream.nil(); new Stream().next();\n', at: 'new Stream().next', kinds: 'MethodDeclaration' },
  { rule: 'a class with a [Symbol.iterator] member (a key no name finds)', file: 'iterable.js', text: 'class Bag { [Symbol.iterator]() { return this.items(); } items() {} }\n', at: 'this.items', kinds: 'MethodDeclaration' },
  { rule: 'class method through var self = this', file: 'class.js', text: 'class C { a() { const self = this; return self.b(); } b() {} }\n', at: 'self.b', kinds: 'MethodDeclaration' },
];

for (const { rule, file, text, at, kinds } of certain) {
  test(`this members from the syntax: ${rule}`, () => {
    const { fromScopes, fromChecker, askedChecker } = answer(file, text, at);
    assert.equal(fromScopes, fromChecker, 'the scopes must answer as the compiler does');
    assert.equal(fromScopes.replace(/@\d+/g, ''), kinds);
    assert.equal(askedChecker, 0, 'answered without the checker');
  });
}

/** Look-alikes whose answer the syntax does not settle: handed to the checker, which still decides. */
const uncertain = [
  { rule: 'a prototype replaced by an object literal', file: 'replaced.js', text: 'function X() {}\nX.prototype = { a: function () { return this.b(); }, b() {} };\nX.prototype.c = function () { return this.a(); };\n', at: 'this.a' },
  { rule: 'a prototype alias written again', file: 'written.js', text: 'function X() {}\nvar pp = X.prototype;\npp = { b() {} };\npp.a = function () { return this.b(); };\n', at: 'this.b' },
  { rule: 'a class prototype (its members are declarations)', file: 'class-proto.js', text: 'class K { m() {} }\nK.prototype.x = function () { return this.m(); };\n', at: 'this.m' },
  { rule: 'a constructor with JSDoc (@this, @extends change the type of this)', file: 'jsdoc.js', text: 'function X() {}\n/** @this {Other} */\nX.prototype.a = function () { return this.b(); };\n', at: 'this.b' },
  { rule: 'a literal that gets members by assignment', file: 'grown.js', text: 'var grown = { a() { return this.b(); } };\ngrown.b = function () { return this.a(); };\n', at: 'this.a' },
  { rule: 'a class variable written again', file: 'moved.js', text: 'var Moved = class { static a() {} };\nMoved = null;\nMoved.a();\n', at: 'Moved.a' },
  { rule: 'a computed key read from a variable (it may spell the name)', file: 'keyed.js', text: "var key = 'n';\nclass Dynamic { [key]() {} m() { return this.n(); } }\n", at: 'this.n' },
  { rule: 'a literal passed to a function of the file (typed by its parameter)', file: 'argument.js', text: 'function take(o) { return o; }\ntake({ m() { return this.n(); }, n() {} });\n', at: 'this.n' },
];

for (const { rule, file, text, at } of uncertain) {
  test(`this members left to the checker: ${rule}`, () => {
    const { fromScopes, fromChecker, askedChecker } = answer(file, text, at);
    assert.equal(askedChecker, 1, 'handed to the checker');
    assert.equal(fromScopes, fromChecker);
  });
}

test('checking a prototype-method file never creates a compiler program', () => {
  let programs = 0;
  const counting = Object.create(ts);
  Object.defineProperty(counting, 'createProgram', { value: (...args) => { programs++; return ts.createProgram(...args); } });
  const text = `${prototypes}const limit = 1;\nconsole.log(new Parser('x').peek(), limit);\n`;
  const findings = core.analyzeFile(counting, text, '/virtual/prototypes.js', { fileExists: () => false, readFile: () => undefined });
  assert.deepEqual(findings.map((finding) => finding.code), []);
  assert.equal(programs, 0);
  // The look-alike with a replaced prototype still asks the checker (the walk's callee `this.a`).
  // (Its function comes first: a callee already walked on its own is not asked about. And `a` calls
  // something: were every `a` of the file a leaf, `c` would be provably quiet and not walked at all.)
  core.analyzeFile(counting, 'function X() {}\nX.prototype.c = function () { return this.a(); };\nX.prototype = { a() { return String(1); } };\n', '/virtual/replaced.js',
    { fileExists: () => false, readFile: () => undefined });
  assert.equal(programs, 1);
});
