// Generates the benchmark workspaces from a fixed seed, so every run (and every peer tool) sees
// the same files: a 10,000-module ES-module workspace with a realistic share of import cycles
// (most harmless, some read a binding at load time), and a 5,000-line teaching-style file.
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small, well-known seeded PRNG; Math.random cannot be seeded. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `count` modules under `dir/src`, in folders of 100. Each module imports 1–4 earlier
 * modules (a DAG) and, with a small probability, a later one (closing a cycle). One in four
 * cycle-closing imports is read at load time, the hazardous kind.
 */
export function generateWorkspace(dir, { count = 10_000, seed = 20261127 } = {}) {
  const random = seededRandom(seed);
  rmSync(dir, { recursive: true, force: true });
  const files = [];
  for (let index = 0; index < count; index++) {
    const folder = join(dir, 'src', `pkg${Math.floor(index / 100)}`);
    if (index % 100 === 0) mkdirSync(folder, { recursive: true });
    files.push(join(folder, `m${index}.js`));
  }
  const specifier = (from, to) => {
    const fromFolder = Math.floor(from / 100);
    const toFolder = Math.floor(to / 100);
    return fromFolder === toFolder ? `./m${to}.js` : `../pkg${toFolder}/m${to}.js`;
  };
  for (let index = 0; index < count; index++) {
    const lines = [];
    const imports = new Set();
    const importCount = index === 0 ? 0 : 1 + Math.floor(random() * 4);
    for (let k = 0; k < importCount; k++) imports.add(Math.floor(random() * index));
    let loadTimeRead = null;
    if (index + 1 < count && random() < 0.02) {
      const later = index + 1 + Math.floor(random() * Math.min(200, count - index - 1));
      imports.add(later);
      if (random() < 0.25) loadTimeRead = later;
    }
    for (const target of imports) lines.push(`import { value${target}, helper${target} } from '${specifier(index, target)}';`);
    lines.push('');
    lines.push(`export const value${index} = ${index};`);
    lines.push(`export function helper${index}(x) {`);
    const used = [...imports].slice(0, 2);
    lines.push(`  return x + ${used.length ? used.map((target) => `helper${target}(value${target})`).join(' + ') : '0'};`);
    lines.push('}');
    if (loadTimeRead !== null) lines.push(`export const derived${index} = value${loadTimeRead} * 2;`);
    writeFileSync(files[index], lines.join('\n') + '\n');
  }
  return files;
}

/** A 5,000-line file of functions, closures, let/const/var and calls, like a large teaching file. */
export function generateLargeFile({ lines = 5000, seed = 5000 } = {}) {
  const random = seededRandom(seed);
  const out = [];
  let index = 0;
  while (out.length < lines) {
    const kind = Math.floor(random() * 4);
    if (kind === 0) {
      out.push(`function work${index}(a, b = ${index}) {`, `  var total = a + b;`, `  const items = [a, b, total];`,
        `  items.forEach((item) => { total += item; });`, `  return total;`, `}`);
    } else if (kind === 1) {
      out.push(`let state${index} = { count: ${index}, label: 'item ${index}' };`, `const read${index} = () => state${index}.count;`);
    } else if (kind === 2) {
      out.push(`class Widget${index} {`, `  constructor(size) { this.size = size; }`, `  grow() { return new Widget${index}(this.size + 1); }`, `}`);
    } else {
      const target = Math.max(0, index - 1 - Math.floor(random() * 10));
      out.push(`if (typeof work${target} === 'function') { console.log(work${target}(${index}, 1)); }`);
    }
    index++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}
