// Parts of the sandbox compiled only when a program first needs them. QuickJS compiles every
// function of a script when the script is evaluated (it has no lazy parsing), and compiling is
// nearly all the cost of preparing a fresh context: the stream library alone was a third of the
// bundle although most programs never load it. The build (sandbox/build/lazy-chunks.mjs) moves
// such parts into "chunks", CommonJS source text kept after the bundle (in a comment, which the
// worker cuts off before QuickJS sees it: even a string literal costs QuickJS time to read), and
// this module asks the host for a chunk's source and compiles it the first time one of its
// modules is required.

import { SANDBOX_FILE_NAME } from './moduleProtocol';

/** Compiles a CommonJS body inside Node's module wrapper under the given file name (host.compileCommonJs). */
type ChunkCompiler = (code: string, fileName: string) => (...args: unknown[]) => unknown;

// SANDBOX_FILE_NAME: the file name sandbox frames carry, so user-visible stacks drop a chunk's
// frames as well (stacks.ts), and the size budget for modules leaves the chunks alone (hostPrimitives.ts).

let compiler: ChunkCompiler | undefined;
/** A chunk's source by name (host.chunkSource): the build keeps chunks out of the script QuickJS compiles. */
let readSource: (name: string) => string = () => '';
// Taken while the bootstrap runs, before user code could replace Reflect.apply.
const apply = Reflect.apply;

/** The bootstrap hands over the host's compile and source primitives before any user code runs. */
export function setChunkCompiler(compile: ChunkCompiler, source: (name: string) => string): void {
  compiler = compile;
  readSource = source;
}

/** The chunks compiled in this context so far, in order (the prepared context's own first). */
const compiledChunks: string[] = [];

/**
 * Compiles and runs one chunk; returns its `module.exports`. `requireShared` gives the chunk the
 * bundle's own instances of the modules it shares with the rest of the sandbox (one `Buffer`
 * class, one `events` package, one `process` shim), so values pass between the two unchanged.
 */
export function evaluateChunk(name: string, requireShared: (name: string) => unknown): unknown {
  const code = compiler ? readSource(name) : '';
  if (!compiler || !code) throw new Error(`LoopLens sandbox chunk ${name} is missing from the build`);
  // By index, not push: the program may have replaced Array.prototype.push by now.
  compiledChunks[compiledChunks.length] = name;
  const wrapper = compiler(code, SANDBOX_FILE_NAME);
  const module = { exports: {} as unknown };
  apply(wrapper, module.exports, [module.exports, requireShared, module, SANDBOX_FILE_NAME, '/']);
  return module.exports;
}

/**
 * Compiles the chunks `names` lists (comma-separated; unknown names are ignored) and loads every
 * module they provide; returns the chunks compiled so far, comma-separated.
 *
 * The worker calls this twice around a run that compiled a chunk: first with no names, right after
 * the run, when the program may have replaced any built-in method, so that call uses none; then
 * with the names, in the context restored to its prepared state, where it compiles the chunks and
 * runs their modules' bodies as the bootstrap would have (sandbox modules only define things when
 * loaded, and Node has its own library loaded before a program starts), and then runs the program
 * again (worker.ts keepCompiledChunks).
 */
export function compileChunks(names: string): string {
  if (names) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const registry = require('looplens-lazy-chunk-registry') as Record<string, () => Record<string, unknown>>;
    for (const name of names.split(',')) {
      if (!Object.prototype.hasOwnProperty.call(registry, name)) continue;
      const provided = registry[name]();
      for (const key of Object.keys(provided)) void provided[key];
    }
  }
  let list = '';
  for (let index = 0; index < compiledChunks.length; index++) list += (index > 0 ? ',' : '') + compiledChunks[index];
  return list;
}
