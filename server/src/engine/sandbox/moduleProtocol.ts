// Names shared by the sandbox's module loaders and the host (types and constants only).

import { MAIN_WRAPPER_NAME } from './stacks';

/**
 * Appended to a path read through `fsRead`: the host answers with the file's TypeScript compiled
 * to JavaScript (by the Predictor, which holds the compiler) instead of its text. `-cjs` asks for
 * CommonJS output (for `require`), `-esm` for ES module output (for the ES module loader). Not a NUL
 * byte: paths cross QuickJS as C strings.
 */
export const TRANSPILE_CJS_SUFFIX = '?looplens=transpile-cjs';
export const TRANSPILE_ESM_SUFFIX = '?looplens=transpile-esm';

/**
 * Appended to a path read through `fsRead`: the host answers "true" when the file's module body
 * uses top-level await (found by the Predictor's parser), "false" otherwise. Node 20 refuses to
 * require() such a graph before evaluating any of it.
 */
export const TOP_LEVEL_AWAIT_SUFFIX = '?looplens=top-level-await';

/**
 * Appended to a directory's path read through the file channel: the host answers with its entry
 * names as a JSON array (EngineHost.listDirectory), nothing when it is not a workspace directory.
 */
export const LIST_DIRECTORY_SUFFIX = '?looplens=list-directory';

/** Appended to a path read through the file channel: the host answers with its WorkspacePathStat as JSON (EngineHost.statPath). */
export const STAT_PATH_SUFFIX = '?looplens=stat-path';

/**
 * Appended to a path read through the file channel: the host answers with the path real node names
 * the file by, its symbolic links resolved (EngineHost.realPath), nothing when it may not be read.
 */
export const REAL_PATH_SUFFIX = '?looplens=real-path';

/**
 * Appended to a path read through `fsRead`: the host answers with the file's bytes in base64, for
 * a file whose text is not its bytes (not valid UTF-8: an image). Base64 because strings enter
 * QuickJS as C strings, where a NUL byte would end them.
 */
export const READ_BYTES_SUFFIX = '?looplens=bytes';

/**
 * The largest workspace file the host reads for a predicted program, as text or as bytes: the
 * sandbox's default heap (64 MB, DEFAULT_BUDGETS.memoryBytes). A file crosses to the worker as a
 * string (bytes as base64, a third larger) and is held inside QuickJS, so a larger one cannot be held
 * there; reading one anyway costs the language server several times its size, and past V8's longest
 * string (about 512 MB of base64) the read failed and the file's text was used silently (review rv9
 * #6). The host checks the size before reading (readWorkspaceFile, readWorkspaceBytes), and the
 * sandbox's fs stops the prediction as unsupported, naming the file and the line.
 */
export const WORKSPACE_READ_LIMIT = 64 * 1024 * 1024;

/**
 * The array methods that call a callback for each element, whose message for a callback that is
 * missing or not a function V8 words its own way: the rewrite remembers their callback (with sort's
 * and toSorted's comparator, ITERATION_METHODS) and the sandbox words the message (errors.ts). One
 * list, so the two never disagree.
 */
export const CALLBACK_ARRAY_METHODS: readonly string[] = ['map', 'forEach', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap'];

/** The file name the sandbox's own code is compiled under, its lazily compiled chunks included (sandbox/lazy.ts). */
export const SANDBOX_FILE_NAME = 'looplens:sandbox.js';

/** TypeScript sources LoopLens compiles on demand when a module imports them. */
export const TYPESCRIPT_SOURCE = /\.(?:ts|tsx|mts|cts)$/;

/** The wrapper around an imported CommonJS module body; everything before the body is on line 1. */
export const MODULE_WRAPPER_PREFIX = `(function ${MAIN_WRAPPER_NAME}(exports, require, module, __filename, __dirname) { `;

/** Node 20.11+'s `import.meta` of a file module; one line, so the module's lines do not move. */
export function importMetaPrologue(file: string): string {
  const index = file.lastIndexOf('/');
  const directory = index <= 0 ? '/' : file.slice(0, index);
  return `import.meta.url = ${JSON.stringify(`file://${encodeURI(file)}`)}; import.meta.filename = ${JSON.stringify(file)}; import.meta.dirname = ${JSON.stringify(directory)}; `;
}

/** How Node failed to resolve an import: which of its internal functions threw (its stack and crash header depend on it). */
export interface ResolutionFailure {
  message: string;
  code: string;
  url?: string;
  /** `finalizeResolution` (a relative file) or `packageResolve` (a bare package name). */
  kind: 'file' | 'package';
  /** Node added "Did you mean to import ...?" (and rethrows the error from its entry point). */
  hint: boolean;
  /** The importing file is an ES module (Node's dynamic-import frames name the importer's kind). */
  importerIsModule: boolean;
}
