// Names shared by the sandbox's module loaders and the host (types and constants only).

/**
 * Appended to a path read through `fsRead`: the host answers with the file's TypeScript compiled
 * to JavaScript (by the Predictor, which holds the compiler) instead of its text. `-cjs` asks for
 * CommonJS output (for `require`), `-esm` for ES module output (for the ES module loader). Not a NUL
 * byte: paths cross QuickJS as C strings.
 */
export const TRANSPILE_CJS_SUFFIX = '?looplens=transpile-cjs';
export const TRANSPILE_ESM_SUFFIX = '?looplens=transpile-esm';

/** TypeScript sources LoopLens compiles on demand when a module imports them. */
export const TYPESCRIPT_SOURCE = /\.(?:ts|tsx|mts|cts)$/;
