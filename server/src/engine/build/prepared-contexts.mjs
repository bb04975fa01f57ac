// Writes the prepared contexts a freshly installed LoopLens starts from (dist/prepared-contexts.bin).
//
// The engine keeps a prepared QuickJS context (the sandbox compiled into the wasm memory) per model
// and module goal in a per-user directory (engine/contextCache.ts), so only the very first start
// compiles the sandbox: about 150 ms of worker CPU and twice that of V8's background threads. This
// script makes those contexts at build time, with the bundles just built, by running the engine
// itself in a child process with an empty directory of its own, and packs the files it wrote into
// one brotli stream (the format is described at ShippedContextsIndex in contextCache.ts). Contexts
// of different models are mostly the same bytes at other places, so one stream with a window as
// large as all of them compresses them to about twice the size of one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { constants, createBrotliCompress } from 'node:zlib';

/**
 * Contexts in stream order, the most used first: a worker decompresses the stream up to the one it
 * needs. The editor predicts node and browser by default; node-esm and ES-module files next.
 */
const SHIPPED = [
  ['node', false],
  ['browser', false],
  ['node-esm', true],
  ['node', true],
  ['node-legacy', false],
  ['node-legacy', true],
];

/** The worker's context key (worker.ts warmKey). */
const keyOf = (model, isModule) => `${model}\u0000${isModule}`;

/**
 * Makes the contexts with the engine in `distDirectory` and writes `outfile`. `production` spends
 * ~10 s more on the smallest stream (the .vsix); a development build uses a fast quality.
 */
export async function writePreparedContexts(distDirectory, outfile, { production = false } = {}) {
  const directory = mkdtempSync(join(tmpdir(), 'looplens-build-contexts-'));
  try {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--prepare', resolve(distDirectory)], {
      encoding: 'utf8',
      env: { ...process.env, LOOPLENS_CONTEXT_CACHE: directory, LOOPLENS_SHIPPED_CONTEXTS: 'off' },
    });
    if (child.status !== 0) throw new Error(`preparing the shipped contexts failed: ${child.stderr}`);
    const files = new Map();
    let build;
    for (const name of readdirSync(directory).filter((entry) => entry.endsWith('.ctx'))) {
      const data = readFileSync(join(directory, name));
      const header = JSON.parse(data.subarray(4, 4 + data.readUInt32LE(0)).toString('utf8'));
      files.set(header.key, data);
      build = name.slice(0, name.indexOf('-'));
    }
    const missing = SHIPPED.map(([model, isModule]) => keyOf(model, isModule)).filter((key) => !files.has(key));
    if (missing.length > 0) throw new Error(`the engine did not write the contexts for ${missing.map((key) => key.replace('\u0000', ' ')).join(', ')}`);
    const compressor = createBrotliCompress({
      params: {
        [constants.BROTLI_PARAM_QUALITY]: production ? 11 : 5,
        // 16 MB: a later context finds its bytes in every earlier one.
        [constants.BROTLI_PARAM_LGWIN]: 24,
      },
    });
    const chunks = [];
    let written = 0;
    compressor.on('data', (chunk) => {
      chunks.push(chunk);
      written += chunk.length;
    });
    const contexts = [];
    for (const [model, isModule] of SHIPPED) {
      const key = keyOf(model, isModule);
      compressor.write(files.get(key));
      await new Promise((done) => compressor.flush(constants.BROTLI_OPERATION_FLUSH, done));
      contexts.push({ key, end: written });
    }
    const ended = new Promise((done) => compressor.on('end', done));
    compressor.end();
    await ended;
    const index = Buffer.from(JSON.stringify({ build, contexts }), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(index.length, 0);
    writeFileSync(outfile, Buffer.concat([length, index, ...chunks]));
    return { bytes: 4 + index.length + written, contexts: contexts.length };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The child: prepares every shipped context in one engine worker and lets it write them (LOOPLENS_CONTEXT_CACHE). */
async function prepareInThisProcess(distDirectory) {
  const require = createRequire(import.meta.url);
  const ts = require('typescript');
  const { Predictor } = require(join(distDirectory, 'core.js'));
  const predictor = new Predictor({ ts, workerPath: join(distDirectory, 'engine-worker.js') });
  try {
    for (const [model, isModule] of SHIPPED) await predictor.warmUp(model, isModule);
  } finally {
    await predictor.dispose();
  }
}

if (process.argv[2] === '--prepare') {
  prepareInThisProcess(process.argv[3]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
