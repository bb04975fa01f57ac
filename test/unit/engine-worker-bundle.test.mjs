// What the engine worker's bundle loads only when a run needs it (engine/build/lazy-cjs-lexer.mjs):
// cjs-module-lexer, which finds a CommonJS module's named exports for an ES module that imports
// them. A fresh worker meets it first inside a run, where it must load as it did at the bundle's top.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runNode, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

// A worker of its own, with nothing kept on disk: its first run is the first use of the lexer.
process.env.LOOPLENS_CONTEXT_CACHE = 'off';
const predictor = new Predictor({ ts });
after(() => predictor.dispose());

const LIBRARY = `exports.alpha = 1;
exports.beta = function beta() { return 2; };
module.exports.gamma = 'g';
Object.defineProperty(exports, 'delta', { enumerable: true, get: () => 'd' });
`;
// The lexer finds alpha, beta and gamma but not delta (a getter), so the namespace lacks it as in node.
const ENTRY = `import library, { alpha, beta, gamma } from './library.cjs';
import * as namespace from './library.cjs';
console.log(alpha, beta(), gamma, library.delta, Object.keys(library));
console.log(Object.keys(namespace).sort());
`;

test('an ES module importing a CommonJS module\'s named exports, first in a fresh worker, predicts what node prints', async () => {
  const real = await runNode(ENTRY, { esm: true, extraFiles: { 'library.cjs': LIBRARY } });
  assert.equal(real.exitCode, 0, real.stderr);
  const files = { [real.filePath]: ENTRY, [join(dirname(real.filePath), 'library.cjs')]: LIBRARY };
  const result = await predictor.predict({ fileName: real.filePath, text: ENTRY, models: ['node'] }, { readFile: (path) => files[path] });
  const stdout = result.models.node.output.filter((line) => line.stream === 'stdout').map((line) => line.text);
  assert.deepEqual(stdout, splitLines(real.stdout));
});
