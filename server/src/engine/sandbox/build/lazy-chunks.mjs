// esbuild plugin for the sandbox bundle (dist/sandbox.js): moves parts most programs never use
// into lazily compiled "chunks" (see ../lazy.ts for why: QuickJS compiles a whole script up front,
// and that compile is nearly all the cost of a fresh context).
//
// Each chunk is bundled on its own as CommonJS and embedded in the sandbox as a string. In the
// sandbox bundle, every module a chunk provides is replaced by a stub that requires the chunk's
// loader, and the loader compiles the chunk once, on the first require. Modules a chunk shares
// with the rest of the sandbox (the `buffer` and `events` packages, the `process` shim that the
// stream library reaches `process.nextTick` through) stay in the main bundle and are handed to
// the chunk, so both sides use the same instances.
//
// A chunk provides either packages (`modules`, by the specifier the sandbox requires) or sandbox
// source files (`files`, relative to the sandbox folder; the sandbox requires them with a
// `require('./fs')` inside a function, which is what makes them lazy). Every other sandbox source
// file a file chunk imports is shared, never copied: sandbox modules keep state (the stream
// library once loaded, inspect's promise inspector, the compile-error oracle).

import * as esbuild from 'esbuild';
import { appendFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readableStreamPatches } from '../node/build/readable-stream-patches.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(here, '../../../../..');
const lazyRuntime = join(here, '../lazy.ts');
const sandboxRoot = join(here, '..');
const sourceRoot = join(projectRoot, 'server/src');

/**
 * The chunks. `modules`: the specifiers the sandbox requires (always lazily, inside a function)
 * that the chunk provides; `shared`: specifiers the chunk's code requires that resolve to the main
 * bundle's instances.
 */
export const LAZY_CHUNKS = [
  {
    name: 'streams',
    modules: ['readable-stream/lib/stream.js', 'string_decoder/'],
    shared: ['buffer', 'events', 'process', 'process/', 'process/browser.js'],
    plugins: [readableStreamPatches],
  },
  // Node's file system and assert, and the browser model's DOM for the node models, are needed by
  // few programs; `require('fs')` compiles its chunk then (worker.ts keeps it for later runs).
  { name: 'fs', files: ['node/fs.ts'] },
  { name: 'assert', files: ['node/assert.ts'] },
  // The browser model's DOM, with its AbortController and DOMException (a file of their own).
  { name: 'browser', files: ['browser.ts', 'browserAbort.ts'] },
  // Node's Buffer with the package it adapts (the stream library shares the package), and the WHATWG URL.
  { name: 'buffer', files: ['node/buffer.ts'], modules: ['buffer'] },
  { name: 'url', files: ['node/url.ts'] },
  // require('util') and the execution-context trace (only runs that draw the context tree).
  { name: 'util', files: ['node/util.ts'] },
  { name: 'trace', files: ['trace.ts'] },
  // The Intl object (the host's V8 answers; few programs use it).
  { name: 'intl', files: ['intl.ts'] },
  // Node's EventTarget, Event, CustomEvent, AbortController and AbortSignal.
  { name: 'abort', files: ['node/abort.ts'] },
];

const SHARED_PREFIX = 'looplens-shared:';
/**
 * Chunk sources follow the bundle on one comment line after this marker, as JSON by chunk name
 * (engine/worker.ts cuts them off before QuickJS evaluates the bundle and hands them over through
 * host.chunkSource: even as a string literal, 400 K of source cost QuickJS ~10 ms to read).
 */
export const CHUNK_SOURCES_MARKER = '\n//# looplens-chunks ';
/** The specifier of the name -> loader table (lazy.ts). */
const REGISTRY = 'looplens-lazy-chunk-registry';

/** The source file a relative import names (esbuild's TypeScript resolution, as far as the sandbox uses it). */
function resolveSourceFile(resolveDir, specifier) {
  const base = resolve(resolveDir, specifier);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => existsSync(candidate));
}

/** In a chunk's own build: every sandbox source file other than the chunk's is the main bundle's instance. */
function shareSourceFiles(chunk) {
  const own = new Set((chunk.files ?? []).map((file) => join(sandboxRoot, file)));
  return {
    name: 'looplens-share-source-files',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        const file = resolveSourceFile(args.resolveDir, args.path);
        if (!file || own.has(file) || relative(sourceRoot, file).startsWith('..')) return undefined;
        return { path: `${SHARED_PREFIX}${relative(projectRoot, file)}`, external: true };
      });
    },
  };
}


const STUB_NAMESPACE = 'looplens-lazy-module';
const CHUNK_NAMESPACE = 'looplens-lazy-chunk';

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Bundles one chunk: CommonJS whose exports are getters, one per provided module. */
async function buildChunk(chunk) {
  // A package comes out after the chunk's files are loaded: they adapt it (node/buffer.ts).
  const files = (chunk.files ?? []).map((file) => `require(${JSON.stringify(join(sandboxRoot, file))}), `).join('');
  const getters = [
    ...(chunk.modules ?? []).map((specifier) => `  get ${JSON.stringify(specifier)}() { return (${files}require(${JSON.stringify(specifier)})); },`),
    ...(chunk.files ?? []).map((file) => join(sandboxRoot, file)).map((file) => `  get ${JSON.stringify(file)}() { return require(${JSON.stringify(file)}); },`),
  ];
  const result = await esbuild.build({
    stdin: { contents: `module.exports = {\n${getters.join('\n')}\n};\n`, resolveDir: projectRoot, sourcefile: `looplens-chunk-${chunk.name}.js` },
    bundle: true,
    write: false,
    metafile: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['browser', 'module', 'main'],
    external: chunk.shared ?? [],
    plugins: [...(chunk.plugins ?? []), shareSourceFiles(chunk)],
    legalComments: 'none',
    logLevel: 'warning',
  });
  const watchFiles = Object.keys(result.metafile.inputs)
    .filter((input) => !input.startsWith('<'))
    .map((input) => join(projectRoot, input));
  const code = result.outputFiles[0].text;
  const sharedFiles = [...new Set([...code.matchAll(/require\("(looplens-shared:[^"]+)"\)/g)].map((match) => match[1]))];
  return { code, watchFiles, sharedFiles };
}

export const lazyChunks = {
  name: 'looplens-lazy-chunks',
  setup(build) {
    const byModule = new Map();
    const byFile = new Map();
    for (const chunk of LAZY_CHUNKS) {
      for (const specifier of chunk.modules ?? []) byModule.set(specifier, chunk);
      for (const file of chunk.files ?? []) byFile.set(join(sandboxRoot, file), chunk);
    }
    const filter = new RegExp(`^(${[...byModule.keys()].map(escapeRegExp).join('|')})$`);
    // A source file is lazy where it is required (a `require` inside a function); a static import
    // of it would compile the chunk at once anyway, so those get the file itself.
    const baseNames = [...byFile.keys()].map((file) => escapeRegExp(file.slice(file.lastIndexOf('/') + 1).replace(/\.ts$/, '')));
    build.onResolve({ filter: new RegExp(`^\\.{1,2}/(.*/)?(${baseNames.join('|')})$`) }, (args) => {
      if (args.kind !== 'require-call') return undefined;
      const file = resolveSourceFile(args.resolveDir, args.path);
      return file && byFile.has(file) ? { path: file, namespace: STUB_NAMESPACE } : undefined;
    });
    let built = new Map();
    // The latest code of every chunk, by name: what the bundle's trailer carries.
    const latest = new Map();
    build.onStart(() => {
      built = new Map();
    });
    build.onEnd((result) => {
      const outfile = build.initialOptions.outfile;
      if (result.errors.length > 0 || !outfile || build.initialOptions.write === false) return;
      // U+2028/2029 end a line in JavaScript (not in JSON): escaped, the trailer stays one comment line.
      const json = JSON.stringify(Object.fromEntries(latest)).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
      appendFileSync(outfile, `${CHUNK_SOURCES_MARKER}${json}\n`);
    });

    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: STUB_NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: STUB_NAMESPACE }, (args) => {
      const chunk = byModule.get(args.path) ?? byFile.get(args.path);
      return {
        contents: `module.exports = require(${JSON.stringify(`${CHUNK_NAMESPACE}:${chunk.name}`)})[${JSON.stringify(args.path)}];\n`,
        resolveDir: projectRoot,
        loader: 'js',
      };
    });

    // The table lazy.ts compiles chunks by name from (a worker keeps the chunks a run compiled).
    build.onResolve({ filter: new RegExp(`^${REGISTRY}$`) }, (args) => ({ path: args.path, namespace: REGISTRY }));
    build.onLoad({ filter: /.*/, namespace: REGISTRY }, () => ({
      contents: `module.exports = {\n${LAZY_CHUNKS.map((chunk) => `  ${JSON.stringify(chunk.name)}: function () { return require(${JSON.stringify(`${CHUNK_NAMESPACE}:${chunk.name}`)}); },`).join('\n')}\n};\n`,
      resolveDir: projectRoot,
      loader: 'js',
    }));

    build.onResolve({ filter: new RegExp(`^${CHUNK_NAMESPACE}:`) }, (args) => ({ path: args.path.slice(CHUNK_NAMESPACE.length + 1), namespace: CHUNK_NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: CHUNK_NAMESPACE }, async (args) => {
      const chunk = LAZY_CHUNKS.find((candidate) => candidate.name === args.path);
      if (!built.has(chunk.name)) built.set(chunk.name, buildChunk(chunk));
      const { code, watchFiles, sharedFiles } = await built.get(chunk.name);
      latest.set(chunk.name, code);
      const cases = [
        ...(chunk.shared ?? []).map((specifier) => `    case ${JSON.stringify(specifier)}: return require(${JSON.stringify(specifier)});`),
        ...sharedFiles.map((name) => `    case ${JSON.stringify(name)}: return require(${JSON.stringify(join(projectRoot, name.slice(SHARED_PREFIX.length)))});`),
      ];
      const contents = [
        `var lazy = require(${JSON.stringify(lazyRuntime)});`,
        `module.exports = lazy.evaluateChunk(${JSON.stringify(chunk.name)}, function (name) {`,
        '  switch (name) {',
        ...cases,
        '  }',
        '  throw new Error("LoopLens sandbox chunk ' + chunk.name + ' requires an unbundled module: " + name);',
        '});',
        '',
      ].join('\n');
      return { contents, resolveDir: projectRoot, loader: 'js', watchFiles };
    });
  },
};
