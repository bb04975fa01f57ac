// Writes the QuickJS wasm module the engine uses as a file of its own (dist/quickjs.wasm), so the
// Predictor can start compiling it on V8's background threads while the engine worker boots, and
// hand the compiled module to the worker (engine/index.ts, engine/worker.ts). The variant package
// carries the bytes inside its JavaScript, in an encoding of its own; rather than depend on that
// encoding, the bytes are taken from the one call that instantiates them, so the file always holds
// exactly what the installed variant would compile.
/* global WebAssembly */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Instantiates the variant once in this process and writes the bytes it compiled to `outfile`. */
export async function writeQuickjsWasm(outfile) {
  const { newQuickJSWASMModuleFromVariant } = require('quickjs-emscripten-core');
  const variant = require('@jitl/quickjs-singlefile-cjs-release-sync').default;
  const instantiate = WebAssembly.instantiate;
  let bytes = null;
  WebAssembly.instantiate = (source, imports) => {
    if (!bytes && (source instanceof Uint8Array || source instanceof ArrayBuffer)) bytes = new Uint8Array(source);
    return instantiate(source, imports);
  };
  try {
    await newQuickJSWASMModuleFromVariant(variant);
  } finally {
    WebAssembly.instantiate = instantiate;
  }
  if (!bytes || !WebAssembly.validate(bytes)) throw new Error('The QuickJS variant did not instantiate wasm bytes this build can write out.');
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, bytes);
}

/**
 * An esbuild plugin for the engine worker's bundle: drops the copy of QuickJS's wasm that the
 * variant carries inside its JavaScript (an 800 KB template literal of escaped bytes). The worker
 * instantiates the module the Predictor compiled from dist/quickjs.wasm, or reads that file itself
 * (engine/worker.ts), so the copy was never used, but V8 scanned it when it compiled the bundle
 * and again when it compiled the function holding it: about 25 ms of worker CPU in a start
 * without a code cache (a fresh install), measured. Where the variant no longer has the copy in
 * that shape, the bundle keeps it (a warning says so): slower, never wrong.
 */
export const dropEmbeddedQuickjsWasm = {
  name: 'drop-embedded-quickjs-wasm',
  setup(build) {
    build.onLoad({ filter: /quickjs-singlefile-cjs-release-sync[\\/]dist[\\/]index\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const start = text.indexOf('(`\\0asm');
      const end = start < 0 ? -1 : endOfTemplateLiteral(text, start + 1);
      if (end < 0) return { contents: text, loader: 'js', warnings: [{ text: 'the embedded QuickJS wasm was not found: it stays in the engine worker bundle' }] };
      // `(` + the literal is replaced by `(` + a call that throws; the call's own `)` follows.
      const replacement = '((() => { throw new Error("LoopLens reads QuickJS\'s wasm from dist/quickjs.wasm: the copy inside the variant was left out of the bundle."); })()';
      return { contents: text.slice(0, start) + replacement + text.slice(end + 1), loader: 'js' };
    });
  },
};

/** The index of the backquote that closes the template literal opened at `open`, or -1 (a substitution, or no end). */
function endOfTemplateLiteral(text, open) {
  for (let index = open + 1; index < text.length; index++) {
    const character = text[index];
    if (character === '\\') index++;
    else if (character === '`') return index;
    else if (character === '$' && text[index + 1] === '{') return -1;
  }
  return -1;
}
