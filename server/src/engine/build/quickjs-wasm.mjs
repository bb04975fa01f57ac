// Writes the QuickJS wasm module the engine uses as a file of its own (dist/quickjs.wasm), so the
// Predictor can start compiling it on V8's background threads while the engine worker boots, and
// hand the compiled module to the worker (engine/index.ts, engine/worker.ts). The variant package
// carries the bytes inside its JavaScript, in an encoding of its own; rather than depend on that
// encoding, the bytes are taken from the one call that instantiates them, so the file always holds
// exactly what the installed variant would compile.
/* global WebAssembly */
import { mkdirSync, writeFileSync } from 'node:fs';
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
