// TypeScript source can be instrumented before it is compiled: the hooks are plain JavaScript,
// type-only syntax (interfaces, type aliases, overload signatures, `declare`, `implements`) gets
// no hooks, and the compiled program prints what the uninstrumented compiled program prints
// (measured in real Node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runNode, instrumentText, ts } from './trace-harness.mjs';

const SOURCE = `interface Shape { area(): number }
type Id = string | number;
enum Color { Red, Green = 5 }
namespace Geo { export function twice(n: number): number { return n * 2; } }
abstract class Base<T> implements Shape {
  protected constructor(public readonly name: string, private value: T) {}
  abstract area(): number;
  describe(this: Base<T>): string { return \`\${this.name}=\${String(this.value)}\`; }
}
class Square extends Base<number> {
  side = 2;
  constructor(side: number) { super('square', side); this.side = side; }
  area(): number { return this.side ** 2; }
}
function overload(x: string): string;
function overload(x: number): number;
function overload(x: any): any { return x; }
declare const ambient: number;
const sq = new Square(3);
const id: Id = 'a' as Id;
async function later<T>(v: T): Promise<T> { await null; return v!; }
console.log(sq.area(), sq.describe(), Color.Green, Geo.twice(4), overload('s'), id);
later<number>(5).then((v) => console.log('later', v));
`;

const compile = (text) =>
  ts.transpileModule(text, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;

test('instrumented TypeScript compiles and runs like the original', () => {
  const instrumented = instrumentText(SOURCE, 'shapes.ts');
  assert.deepEqual(instrumented.errors, []);
  const names = instrumented.functions.map((info) => info.name);
  assert.deepEqual(names, ['shapes.ts', 'twice', 'Base', 'describe', 'side', 'Square', 'area', 'overload', 'later', '(anonymous)']);
  // Overload signatures and abstract members have no body, so no context.
  assert.equal(names.filter((name) => name === 'overload').length, 1);
  const original = runNode(compile(SOURCE), 'shapes.js');
  const traced = runNode(compile(instrumented.code), 'shapes.js', { mode: 'record', table: instrumented.functions });
  assert.equal(original.exitCode, 0, original.stderr);
  assert.equal(traced.stdout, original.stdout);
  const square = traced.trace.contexts.find((ctx) => ctx.name === 'Square');
  assert.equal(square.thisReason.includes('derived class constructor'), true);
  assert.deepEqual(square.args, ['3']);
});
