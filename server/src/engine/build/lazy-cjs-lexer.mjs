// An esbuild plugin for the engine worker's bundle: cjs-module-lexer is run when a run first needs
// it, not while the bundle loads.
//
// The ES module loader (engine/modules/esmLoader.ts) requires the lexer at its top, so its 55 KB
// ran every time a worker loaded its bundle: 1.0-1.2 ms of a fresh worker's CPU on its way to the
// first answer (medians of 15 fresh worker threads, measured), for a lexer only an ES module that
// imports a CommonJS one calls. The plugin puts a stand-in with the same `parse` in its place;
// esbuild keeps the lexer's own code in the bundle as a module that runs on its first `require`,
// which the stand-in makes on the first call.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const lazyCjsModuleLexer = {
  name: 'lazy-cjs-module-lexer',
  setup(build) {
    // The package's "default" condition, as a require() of it resolves (the pure-JavaScript lexer).
    const lexerPath = require.resolve('cjs-module-lexer');
    build.onResolve({ filter: /^cjs-module-lexer$/ }, () => ({ path: 'cjs-module-lexer', namespace: 'lazy-cjs-module-lexer' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-cjs-module-lexer' }, () => ({
      contents: `let lexer;\nmodule.exports = { parse: (source, name) => (lexer ??= require(${JSON.stringify(lexerPath)})).parse(source, name) };\n`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};
