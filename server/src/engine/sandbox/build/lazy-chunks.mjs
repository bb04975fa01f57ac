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

import * as esbuild from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readableStreamPatches } from '../node/build/readable-stream-patches.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(here, '../../../../..');
const lazyRuntime = join(here, '../lazy.ts');

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
];

const STUB_NAMESPACE = 'looplens-lazy-module';
const CHUNK_NAMESPACE = 'looplens-lazy-chunk';

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Bundles one chunk: CommonJS whose exports are getters, one per provided module. */
async function buildChunk(chunk) {
  const getters = chunk.modules.map((specifier) => `  get ${JSON.stringify(specifier)}() { return require(${JSON.stringify(specifier)}); },`);
  const result = await esbuild.build({
    stdin: { contents: `module.exports = {\n${getters.join('\n')}\n};\n`, resolveDir: projectRoot, sourcefile: `looplens-chunk-${chunk.name}.js` },
    bundle: true,
    write: false,
    metafile: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['browser', 'module', 'main'],
    external: chunk.shared,
    plugins: chunk.plugins,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const watchFiles = Object.keys(result.metafile.inputs)
    .filter((input) => !input.startsWith('<'))
    .map((input) => join(projectRoot, input));
  return { code: result.outputFiles[0].text, watchFiles };
}

export const lazyChunks = {
  name: 'looplens-lazy-chunks',
  setup(build) {
    const byModule = new Map();
    for (const chunk of LAZY_CHUNKS) for (const specifier of chunk.modules) byModule.set(specifier, chunk);
    const filter = new RegExp(`^(${[...byModule.keys()].map(escapeRegExp).join('|')})$`);
    let built = new Map();
    build.onStart(() => {
      built = new Map();
    });

    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: STUB_NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: STUB_NAMESPACE }, (args) => {
      const chunk = byModule.get(args.path);
      return {
        contents: `module.exports = require(${JSON.stringify(`${CHUNK_NAMESPACE}:${chunk.name}`)})[${JSON.stringify(args.path)}];\n`,
        resolveDir: projectRoot,
        loader: 'js',
      };
    });

    build.onResolve({ filter: new RegExp(`^${CHUNK_NAMESPACE}:`) }, (args) => ({ path: args.path.slice(CHUNK_NAMESPACE.length + 1), namespace: CHUNK_NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: CHUNK_NAMESPACE }, async (args) => {
      const chunk = LAZY_CHUNKS.find((candidate) => candidate.name === args.path);
      if (!built.has(chunk.name)) built.set(chunk.name, buildChunk(chunk));
      const { code, watchFiles } = await built.get(chunk.name);
      const cases = chunk.shared.map((specifier) => `    case ${JSON.stringify(specifier)}: return require(${JSON.stringify(specifier)});`);
      const contents = [
        `var lazy = require(${JSON.stringify(lazyRuntime)});`,
        `module.exports = lazy.evaluateChunk(${JSON.stringify(code)}, function (name) {`,
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
