// The one build script. Each entry is a separate process (or, for the webview, a browser script):
// bundling them one by one keeps every process to a single file and the .vsix small.
import * as esbuild from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { readableStreamPatches } from './server/src/engine/sandbox/node/build/readable-stream-patches.mjs';
import { lazyChunks } from './server/src/engine/sandbox/build/lazy-chunks.mjs';
import { dropEmbeddedQuickjsWasm, writeQuickjsWasm } from './server/src/engine/build/quickjs-wasm.mjs';
import { lazyCjsModuleLexer } from './server/src/engine/build/lazy-cjs-lexer.mjs';
import { writePreparedContexts } from './server/src/engine/build/prepared-contexts.mjs';

const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  // Only VS Code itself is provided by the host; everything else is bundled.
  external: ['vscode'],
  logLevel: 'warning',
  legalComments: 'none',
  // The version the CLI and the server report comes from the manifest, never typed twice.
  define: { LOOPLENS_VERSION: JSON.stringify(packageJson.version) },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // The engine worker: a small entry that loads the bundle with a V8 code cache (engine/workerLoader.ts).
  { entryPoints: ['server/src/engine/workerLoader.ts'], outfile: 'dist/engine-worker.js' },
  // dropEmbeddedQuickjsWasm: the wasm comes from dist/quickjs.wasm (see that file); lazyCjsModuleLexer: the lexer runs on first use (see that file).
  { entryPoints: ['server/src/engine/worker.ts'], outfile: 'dist/engine-worker-main.js', plugins: [dropEmbeddedQuickjsWasm, lazyCjsModuleLexer] },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The pure core as a library, for tests and benchmarks (not shipped).
  { entryPoints: ['server/src/core.ts'], outfile: 'dist/core.js' },
  // The sandbox's console formatting compiled for Node, so tests can compare it with the real util.inspect;
  // and the editor features without a connection, for the in-process feature fuzz.
  { entryPoints: { inspect: 'server/src/engine/sandbox/inspect.ts', console: 'server/src/engine/sandbox/console.ts', features: 'server/src/features/all.ts' }, outdir: 'dist/test' },
  // The language server's analysis worker client, for the benchmark's 5,000-line rows (it starts dist/server.js as the worker).
  { entryPoints: { 'analysis-worker': 'server/src/analysisWorker.ts' }, outdir: 'dist/test', external: ['vscode', 'typescript'] },
  // Code that runs inside QuickJS: one IIFE the worker evaluates in each fresh context.
  // readableStreamPatches: readable-stream brought to Node 20's stream timing (see that file);
  // lazyChunks: parts most programs never use are compiled on first use (see that file).
  { entryPoints: ['server/src/engine/sandbox/index.ts'], outfile: 'dist/sandbox.js', format: 'iife', platform: 'neutral', target: 'es2020', mainFields: ['browser', 'module', 'main'], external: [], plugins: [readableStreamPatches, lazyChunks] },
  // The "Predict Output" webview page: a browser script; media/ is the webview's only resource root.
  { entryPoints: ['media/src/webview.ts'], outfile: 'media/webview.js', format: 'iife', platform: 'browser', target: 'es2022', sourcemap: false, external: [] },
];

async function main() {
  // The engine worker's wasm as a file: the Predictor compiles it while the worker starts (engine/index.ts).
  await writeQuickjsWasm('dist/quickjs.wasm');
  const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  chmodSync('dist/cli.js', 0o755);
  // The engine's prepared contexts, made by the engine just built, so a new install starts warm
  // (engine/contextCache.ts). Without them the engine prepares its own (and the test
  // engine-shipped-contexts fails), so only a package build stops here.
  try {
    await writePreparedContexts('dist', 'dist/prepared-contexts.bin', { production });
  } catch (error) {
    if (production) throw error;
    console.warn(`warning: no prepared contexts shipped: ${error.message}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
