// Node's CommonJS module system inside the sandbox: `require` of the workspace's files as
// lib/internal/modules/cjs/loader.js does it. Files come from the host's virtual file system
// (`fsRead`, which falls through to the editor's buffers and the workspace); each body is compiled
// by the host (`compileCommonJs`) under its own file name, so stacks name the right file.
//
// What Node does and this file reproduces, because programs observe it:
// - resolution: exact file, then `.js`, `.json`, `.node`; a directory's package.json `main`, then
//   `index.js`; `node_modules` folders up the tree (the LOAD_* steps of Node's documented algorithm);
// - the cache (`require.cache`, keyed by file name) that makes cycles return the partly filled
//   `module.exports`, with Node's prototype proxy that warns about missing properties read while
//   the cycle is open ("Accessing non-existent property ... inside circular dependency");
// - the Module object's shape and the errors' text and codes (MODULE_NOT_FOUND with its require
//   stack, JSON parse errors prefixed with the file name, require() of ES modules as Node 20.19+ does it).

import pathBrowserify from 'path-browserify';
import type { HostPrimitives } from './host';
import { msg } from '../../syntax/message';
import { MODULE_WRAPPER_PREFIX, TRANSPILE_CJS_SUFFIX, TRANSPILE_ESM_SUFFIX, TYPESCRIPT_SOURCE, importMetaPrologue, type ResolutionFailure } from './moduleProtocol';
import { isModuleLoaded, loadedModuleFiles, moduleSourceOf, registerModuleSource } from './moduleSources';
import { setCompileErrorOracle, setLinkErrorTranslator } from './errors';
import { v8JsonErrorMessage } from './modulesJson';

const path = pathBrowserify.posix ?? pathBrowserify;

/** The primitives this file needs beyond the documented ones (engine/modules/hostPrimitives.ts). */
interface ModuleHost extends HostPrimitives {
  compileCommonJs(code: string, fileName: string): (...args: unknown[]) => unknown;
  requireEsm(fileName: string, parentFileName: string): unknown;
}

export interface ModuleSystemOptions {
  host: HostPrimitives;
  /** Built-in modules by name (with and without `node:`). */
  builtins: Record<string, () => unknown>;
  /** `process.emitWarning`, for the circular-dependency warning. */
  emitWarning(message: string): void;
  /** Called for a specifier that is neither a built-in nor a file: returns a value, or throws. */
  unknownBuiltin(name: string): unknown;
}

/** Poll phases an import() of a module not loaded yet takes before its body runs (measured, see __looplens_import). */
const IMPORT_IO_ROUNDS = 4;

/** When an import() that reads no file calls QuickJS's import (`callAt`) and settles (`settleAt`), in promise jobs. */
interface HopTiming {
  callAt: number;
  settleAt: number;
}

/**
 * Measured on Node 20.20.2 from CommonJS and ES module entries alike, as the promise job in which
 * the import's `.then` callback runs (one more than `settleAt`): a built-in 16, an unknown `node:`
 * built-in 12 (rejected), a file or package that is not there 4 (rejected), an ES module already
 * evaluated 8, a `.cjs` file 16, its body running in job 11.
 */
const IMPORT_HOPS = {
  builtin: { callAt: 0, settleAt: 15 },
  unknownBuiltin: { callAt: 0, settleAt: 11 },
  notFound: { callAt: 0, settleAt: 3 },
  loadedModule: { callAt: 0, settleAt: 7 },
  commonJs: { callAt: 10, settleAt: 15 },
} satisfies Record<string, HopTiming>;

/** import() calls Node's loader settles together (see settleAfterHops): started when the first calls its load. */
interface PendingImport {
  started: boolean;
  entries: { start(): void; due(): void }[];
}

/** Runs `job` in promise job number `hops` from now (0: at once). */
function afterHops(hops: number, job: () => void): void {
  if (hops <= 0) {
    job();
    return;
  }
  let chain = Promise.resolve();
  for (let hop = 1; hop < hops; hop++) chain = chain.then(() => undefined);
  void chain.then(job);
}

/** The largest file the sandbox loads from node_modules; bigger packages are not modelled. */
const MAX_PACKAGE_FILE_BYTES = 2 * 1024 * 1024;

/** Node's Module class, so `console.log(module)` prints `Module { ... }` with Node's fields. */
class Module {
  id: string;
  path: string;
  exports: unknown = {};
  filename: string | null = null;
  loaded = false;
  children: Module[] = [];
  paths: string[] = [];
  constructor(id: string, parent: Module | null) {
    this.id = id;
    this.path = path.dirname(id);
    if (parent) parent.children.push(this);
    Object.defineProperty(this, 'parent', { value: parent ?? undefined, enumerable: false, writable: true, configurable: true });
  }
}

export interface ModuleSystem {
  /** Runs the entry file's compiled wrapper as Module._load does for the main module. */
  runMain(mainFunction: (...args: unknown[]) => unknown, fileName: string): void;
  /** `require` as seen from `fileName` (for ES modules importing CommonJS). */
  requireFrom(fileName: string): (name: string) => unknown;
  /** Resolves a specifier as CommonJS would, or returns null. */
  resolve(name: string, fromDirectory: string): string | null;
}

export function createModuleSystem(options: ModuleSystemOptions): ModuleSystem {
  const host = options.host as ModuleHost;
  const cache: Record<string, Module> = Object.create(null);
  const packageTypes = new Map<string, string | undefined>();

  // ---- Node's circular-require prototype (lib/internal/modules/cjs/loader.js) ----
  // While a module is still loading, another module that requires it gets its exports object
  // with this proxy as prototype: reading a property the module has not set yet warns.
  const circularPrototype = new Proxy({}, {
    get(target, property) {
      if (property in target || property === '__esModule') return undefined;
      warnCircular(property);
      return undefined;
    },
    getOwnPropertyDescriptor(target, property) {
      if (Object.prototype.hasOwnProperty.call(target, property) || property === '__esModule') {
        return Object.getOwnPropertyDescriptor(target, property);
      }
      warnCircular(property);
      return undefined;
    },
  });
  function warnCircular(property: string | symbol): void {
    options.emitWarning(`Accessing non-existent property '${String(property)}' of module exports inside circular dependency`);
  }

  function exportsForCircularRequire(module: Module): unknown {
    const exports = module.exports as Record<string, unknown> | null;
    if (exports && typeof exports === 'object' && Object.getPrototypeOf(exports) === Object.prototype && !exports.__esModule) {
      Object.setPrototypeOf(exports, circularPrototype);
    }
    return exports;
  }

  // ---- Resolution (Node's documented require algorithm) ----

  function isFile(file: string): boolean {
    return host.fsRead(file) !== undefined;
  }

  /**
   * A program written in TypeScript imports `./lib` (or `./lib.js`) meaning `lib.ts`: after tsc the
   * compiled lib.js is there. LoopLens predicts the sources, so a TypeScript importer also finds
   * the .ts files (compiled on demand by the host).
   */
  let typeScriptImporter = false;

  function loadAsFile(file: string): string | null {
    if (isFile(file)) return file;
    for (const extension of ['.js', '.json', '.node']) if (isFile(file + extension)) return file + extension;
    if (typeScriptImporter) {
      const base = file.endsWith('.js') ? file.slice(0, -3) : file;
      for (const extension of ['.ts', '.tsx', '.cts']) if (isFile(base + extension)) return base + extension;
    }
    return null;
  }

  function readPackage(directory: string): Record<string, unknown> | null {
    const text = host.fsRead(path.join(directory, 'package.json'));
    if (text === undefined) return null;
    try {
      const parsed = JSON.parse(text);
      return parsed && typeof parsed === 'object' ? parsed : null;
    } catch {
      return null;
    }
  }

  function loadIndex(directory: string): string | null {
    for (const name of ['index.js', 'index.json', 'index.node']) {
      const file = path.join(directory, name);
      if (isFile(file)) return file;
    }
    return null;
  }

  function loadAsDirectory(directory: string): string | null {
    const pkg = readPackage(directory);
    if (pkg && typeof pkg.main === 'string' && pkg.main) {
      const main = path.join(directory, pkg.main);
      const found = loadAsFile(main) ?? loadIndex(main);
      if (found) return found;
    }
    return loadIndex(directory);
  }

  function nodeModulesPaths(fromDirectory: string): string[] {
    const parts = fromDirectory.split('/').filter(Boolean);
    const paths: string[] = [];
    for (let index = parts.length; index >= 0; index--) {
      if (parts[index - 1] === 'node_modules') continue;
      paths.push(`/${[...parts.slice(0, index), 'node_modules'].join('/')}`);
    }
    return paths;
  }

  /**
   * The file `name` names from `fromDirectory`, by the path real node gives it: Node's _findPath
   * resolves symbolic links (toRealPath), so a linked package's modules have their real paths, and
   * a package reached through two links is one module of the cache.
   */
  function resolve(name: string, fromDirectory: string, fromFile?: string | null): string | null {
    let found = findFile(name, fromDirectory);
    // A package a linked package finds only through a link the host may not follow (its own
    // node_modules link, outside the roots): looked for from the path the package was found by, as
    // before real paths, rather than not at all (real node follows every link).
    const foundBy = fromFile ? linkNames.get(fromFile) : undefined;
    if (found === null && foundBy !== undefined && !isRelativeRequest(name)) found = findFile(name, path.dirname(foundBy));
    return found === null ? null : realPathOf(found);
  }

  /** The files a real path names that were found by another path (through a link), by real path. */
  const linkNames = new Map<string, string>();

  function realPathOf(file: string): string {
    const real = host.fsRealPath(file);
    if (real !== file && !linkNames.has(real)) linkNames.set(real, file);
    return real;
  }

  function isRelativeRequest(name: string): boolean {
    return name.startsWith('./') || name.startsWith('../') || name.startsWith('/') || name === '.' || name === '..';
  }

  function findFile(name: string, fromDirectory: string): string | null {
    if (isRelativeRequest(name)) {
      const target = path.resolve(fromDirectory, name);
      const asFile = name.endsWith('/') ? null : loadAsFile(target);
      return asFile ?? loadAsDirectory(target);
    }
    for (const directory of nodeModulesPaths(fromDirectory)) {
      const target = path.join(directory, name);
      const found = loadAsFile(target) ?? loadAsDirectory(target);
      if (found) return found;
    }
    return null;
  }

  /** The `"type"` of the nearest package.json (for `.js` files): 'module' makes them ES modules. */
  function packageType(file: string): string | undefined {
    let directory = path.dirname(file);
    const visited: string[] = [];
    for (;;) {
      if (packageTypes.has(directory)) {
        const known = packageTypes.get(directory);
        for (const seen of visited) packageTypes.set(seen, known);
        return known;
      }
      visited.push(directory);
      const pkg = readPackage(directory);
      if (pkg) {
        const type = typeof pkg.type === 'string' ? pkg.type : undefined;
        for (const seen of visited) packageTypes.set(seen, type);
        return type;
      }
      if (directory === '/' || path.basename(directory) === 'node_modules') break;
      directory = path.dirname(directory);
    }
    for (const seen of visited) packageTypes.set(seen, undefined);
    return undefined;
  }

  // ---- Loading ----

  function notFound(name: string, parent: Module): Error {
    const requireStack: string[] = [];
    for (let cursor: Module | undefined = parent; cursor; cursor = (cursor as unknown as { parent?: Module }).parent) {
      if (cursor.filename) requireStack.push(cursor.filename);
    }
    let message = `Cannot find module '${name}'`;
    if (requireStack.length > 0) message += `\nRequire stack:\n- ${requireStack.join('\n- ')}`;
    const error = new Error(message) as Error & { code?: string; requireStack?: string[] };
    error.code = 'MODULE_NOT_FOUND';
    error.requireStack = requireStack;
    return error;
  }

  function makeRequire(module: Module): (name: string) => unknown {
    const require = function require(name: string): unknown {
      if (typeof name !== 'string') {
        const error = new TypeError(`The "id" argument must be of type string. Received ${describe(name)}`) as TypeError & { code?: string };
        error.code = 'ERR_INVALID_ARG_TYPE';
        throw error;
      }
      if (name === '') {
        const error = new TypeError("The argument 'id' must be a non-empty string. Received ''") as TypeError & { code?: string };
        error.code = 'ERR_INVALID_ARG_VALUE';
        throw error;
      }
      return load(name, module);
    };
    const resolveFunction = (name: string) => {
      if (options.builtins[name]) return name;
      const found = resolve(name, module.path, module.filename);
      if (!found) throw notFound(name, module);
      return found;
    };
    Object.assign(require, { resolve: resolveFunction, main: mainModule, cache, extensions: Object.create(null) });
    (resolveFunction as unknown as { paths: (name: string) => string[] | null }).paths = (name: string) =>
      options.builtins[name] ? null : nodeModulesPaths(module.path);
    return require;
  }

  function load(name: string, parent: Module): unknown {
    const builtin = options.builtins[name];
    const isPath = isRelativeRequest(name);
    if (builtin && !isPath) return builtin();
    if (name.startsWith('node:')) {
      const error = new Error(`No such built-in module: ${name}`) as Error & { code?: string };
      error.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
      throw error;
    }
    typeScriptImporter = TYPESCRIPT_SOURCE.test(parent.filename ?? '');
    const fileName = resolve(name, parent.path, parent.filename);
    typeScriptImporter = false;
    if (!fileName) {
      // A package the workspace does not have installed: the existing "not modelled" answer.
      if (!isPath) return options.unknownBuiltin(name);
      throw notFound(name, parent);
    }
    const cached = cache[fileName];
    if (cached) {
      if (!parent.children.includes(cached)) parent.children.push(cached);
      return cached.loaded ? cached.exports : exportsForCircularRequire(cached);
    }
    const module = new Module(fileName, parent);
    cache[fileName] = module;
    let threw = true;
    try {
      loadFile(module, fileName, name);
      threw = false;
    } finally {
      if (threw) delete cache[fileName];
      else if (module.exports && Object.getPrototypeOf(module.exports) === circularPrototype) {
        Object.setPrototypeOf(module.exports, Object.prototype);
      }
    }
    return module.exports;
  }

  function loadFile(module: Module, fileName: string, request: string): void {
    module.filename = fileName;
    module.paths = nodeModulesPaths(module.path);
    const text = (TYPESCRIPT_SOURCE.test(fileName) ? host.fsRead(fileName + TRANSPILE_CJS_SUFFIX) : host.fsRead(fileName)) ?? '';
    if (fileName.includes('/node_modules/') && text.length > MAX_PACKAGE_FILE_BYTES) {
      host.unsupported(`require('${request}')`, msg('{0} is larger than LoopLens loads from node_modules', fileName));
    }
    if (fileName.endsWith('.json')) {
      try {
        module.exports = JSON.parse(stripBom(text));
      } catch (error) {
        // Node's message is V8's, which QuickJS's JSON parser does not give (modulesJson.ts).
        (error as Error).message = `${fileName}: ${v8JsonErrorMessage(stripBom(text)) ?? (error as Error).message}`;
        throw error;
      }
    } else if (fileName.endsWith('.node')) {
      host.unsupported(`require('${request}')`, msg('a native addon, {0}', fileName));
    } else if (/\.m(?:js|ts)$/.test(fileName) || (/\.(?:js|ts)$/.test(fileName) && packageType(fileName) === 'module')) {
      // Node 20.19+ loads an ES module synchronously (engine/modules/hostPrimitives.ts).
      const parent = (module as unknown as { parent?: Module }).parent;
      module.exports = host.requireEsm(fileName, parent?.filename ?? '');
    } else {
      const body = stripShebang(stripBom(text));
      registerModuleSource(fileName, () => ({ lines: `${MODULE_WRAPPER_PREFIX}${body}`.split('\n'), lineOneShift: MODULE_WRAPPER_PREFIX.length, isModule: false }));
      const compiled = host.compileCommonJs(body, fileName);
      compiled.call(module.exports, module.exports, makeRequire(module), module, fileName, module.path);
    }
    module.loaded = true;
  }

  let mainModule: Module | undefined;

  // The bridge the host's ES module loader (engine/modules/esmLoader.ts) calls: a hidden global,
  // because the loader runs between the sandbox's own calls, with no reference of its own.
  Object.defineProperty(globalThis, '__looplens_modules', {
    value: Object.freeze({
      read: (file: string) => host.fsRead(file),
      // Node's ES module resolver resolves symbolic links too (finalizeResolution's realpath).
      realPath: (file: string) => realPathOf(file),
      // The path a module file was found by when it differs from its real path (see resolve).
      foundBy: (file: string) => linkNames.get(file) ?? null,
      // The ES module loader loaded `file` as an ES module (its text is read again only if a stack needs it).
      loaded: (file: string) => {
        const prologue = importMetaPrologue(file);
        registerModuleSource(file, () => {
          const text = host.fsRead(TYPESCRIPT_SOURCE.test(file) ? file + TRANSPILE_ESM_SUFFIX : file);
          return text === undefined ? undefined : { lines: (prologue + text).split('\n'), lineOneShift: prologue.length, isModule: true };
        });
        return true;
      },
      isBuiltin: (name: string) => Boolean(options.builtins[name]) && !UNLOADABLE_BUILTINS.has(name),
      builtinKeys: (name: string) => {
        // Not an array: no such built-in (the loader's ERR_UNKNOWN_BUILTIN_MODULE).
        if (!options.builtins[name]) return null;
        const value = options.builtins[name]();
        if (!value || (typeof value !== 'object' && typeof value !== 'function')) return [];
        // Data properties only: an accessor (process.stdin) may stop the run when read.
        return Object.keys(value).filter((key) => 'value' in (Object.getOwnPropertyDescriptor(value, key) ?? {}));
      },
      builtin: (name: string) => options.builtins[name]?.(),
      resolutionError: (failure: ResolutionFailure) => nodeResolutionError(failure, host.currentSource() === 'main'),
      unknownBuiltinError: (name: string) => unknownBuiltinError(name, host.currentSource() === 'main'),
      require: (file: string) => {
        const importer = new Module(file, null);
        importer.filename = file;
        return load(file, importer);
      },
    }),
    enumerable: false,
    configurable: true,
    writable: false,
  });

  // QuickJS's "Could not find export 'x' in module '/file'" in Node's words: the importing
  // statement is found in the files of the graph (the entry and the ES modules loaded), and Node's
  // arrow under the imported name is the crash report's header (module_job.js, _instantiate).
  setCompileErrorOracle((file, isModule) => host.v8SyntaxError(file, isModule));
  setLinkErrorTranslator((error) => {
    const match = /^Could not find export '(.+)' in module '(.+)'$/.exec(String(error.message));
    if (!match || error.name !== 'SyntaxError') return false;
    const [, name, target] = match;
    const importer = findImporter(name, target);
    if (!importer) return false;
    let message = `The requested module '${importer.specifier}' does not provide an export named '${name}'`;
    if (!isEsModuleFile(target)) {
      const destructuring = /{.*}/.exec(importer.lineText)?.[0].replace(/\s+as\s+/g, ': ');
      message = `Named export '${name}' not found. The requested module '${importer.specifier}' is a CommonJS module, which may not support all module.exports as named exports.\nCommonJS modules can always be imported via the default export, for example using:\n\nimport pkg from '${importer.specifier}';\n${destructuring ? `const ${destructuring} = pkg;\n` : ''}`;
    }
    Object.defineProperty(error, 'message', { value: message, writable: true, configurable: true, enumerable: false });
    const frames = [
      '    at ModuleJob._instantiate (node:internal/modules/esm/module_job:213:21)',
      '    at async ModuleJob.run (node:internal/modules/esm/module_job:320:5)',
      '    at async ModuleLoader.import (node:internal/modules/esm/loader:606:24)',
      '    at async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:117:5)',
    ];
    Object.defineProperty(error, 'stack', { value: [`SyntaxError: ${message}`, ...frames].join('\n'), writable: true, configurable: true, enumerable: false });
    loaderErrors.set(error, { location: `file://${importer.file}:${importer.line}`, text: importer.lineText, column: importer.column, caretLength: name.length, attached: true });
    return true;
  });

  /** An ES module by Node's rules (extension, then the nearest package.json "type"). */
  function isEsModuleFile(file: string): boolean {
    return /\.m[jt]s$/.test(file) || (/\.[jt]s$/.test(file) && packageType(file) === 'module');
  }

  /** The `import { name } from '...'` (or `export { name } from`) statement that asks `target` for `name`. */
  function findImporter(name: string, target: string): { file: string; specifier: string; line: number; column: number; lineText: string } | null {
    const candidates = [host.fileName, ...loadedModuleFiles()];
    const statement = /\b(?:import|export)\s*(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*(['"])([^'"]+)\2/g;
    for (const file of candidates) {
      const source = file === host.fileName ? undefined : moduleSourceOf(file);
      const text = source ? source.lines.join('\n').slice(source.lineOneShift) : host.fsRead(file);
      if (!text) continue;
      for (const found of text.matchAll(statement)) {
        const specifier = found[3];
        if (!(specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/'))) continue;
        if (path.resolve(path.dirname(file), specifier) !== target) continue;
        const names = found[1].split(',').map((part) => part.trim().split(/\s+as\s+/)[0]);
        if (!names.includes(name)) continue;
        // The name inside the braces (Node's arrow underlines it), as an offset in the file's text.
        const clauseStart = (found.index ?? 0) + found[0].indexOf('{');
        const clause = text.slice(clauseStart, clauseStart + found[1].length + 2);
        const within = new RegExp(`[{,]\\s*${name.replace(/[$]/g, '\\$&')}(?![\\w$])`).exec(clause);
        if (!within) continue;
        const offset = clauseStart + within.index + within[0].length - name.length;
        const before = text.slice(0, offset);
        const line = before.split('\n').length;
        const lineStart = before.lastIndexOf('\n') + 1;
        const lineEnd = text.indexOf('\n', offset);
        return { file, specifier, line, column: offset - lineStart + 1, lineText: text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd) };
      }
    }
    return null;
  }

  // The engine's rewrite turns `import('x')` into `__looplens_import(() => import('x'), 'x')`, and
  // a computed specifier into `__looplens_import((s) => import(s), value)` (engine/rewrite.ts): the
  // timing follows the specifier's value when it is a string, as for a literal. What
  // Node does before the promise settles decides when that happens:
  //   - a module it has to read from disk (an ES module or a `.js` file not yet evaluated as an ES
  //     module) is read in poll phases (the fastest order measured on Node 20: its body runs in the
  //     fourth poll phase, after three rounds of immediates; with a slower disk, after any number of
  //     them: the host's scheduleModuleRead makes that an alternative order);
  //   - anything else settles after a fixed number of promise jobs (IMPORT_HOPS, measured).
  /** Built-ins and `.cjs` files whose first import() is under way, and those imported already. */
  const pendingImports = new Map<string, PendingImport>();
  const importedKeys = new Set<string>();
  Object.defineProperty(globalThis, '__looplens_import', {
    value: (loadSpecifier: (specifier: unknown) => Promise<unknown>, specifier: unknown) => {
      const load = () => loadSpecifier(specifier);
      // Another value (a URL) is converted by import() itself: converting it here could run the
      // program's code twice; its timing stays the disk's.
      const { timing, key } = typeof specifier === 'string' ? importTiming(specifier) : { timing: 'disk' as const, key: undefined };
      if (timing !== 'disk') return settleAfterHops(load, timing, key);
      host.note(`import() reads its module from disk: the module body runs in a later event-loop iteration, and where it falls among timers and immediates depends on the disk and Node's loader start-up (LoopLens shows the fastest order measured; a slower disk's order, where different, is an alternative).`);
      return new Promise((resolve, reject) => {
        // From the body of an ES module entry, Node's loader is still busy with the entry's own job:
        // the fastest order measured there has the module body one iteration later.
        let rounds = host.isModule && host.currentSource() === 'main' ? IMPORT_IO_ROUNDS + 1 : IMPORT_IO_ROUNDS;
        const step = () => {
          rounds -= 1;
          if (rounds > 0) {
            host.scheduleModuleRead(step);
            return;
          }
          try {
            load().then(resolve, reject);
          } catch (error) {
            reject(error);
          }
        };
        host.scheduleModuleRead(step);
      });
    },
    enumerable: false,
    configurable: true,
    writable: false,
  });

  /**
   * How an import() from the entry file settles: after disk reads, or after a fixed number of
   * promise jobs (Node's loader works through its async functions without touching the disk).
   */
  function importTiming(specifier: string): { timing: HopTiming | 'disk'; key?: string } {
    const name = specifier.startsWith('node:') ? specifier : `node:${specifier}`;
    if (options.builtins[specifier] || options.builtins[name]) return loadedOnce(name, IMPORT_HOPS.builtin);
    if (specifier.startsWith('node:')) return { timing: IMPORT_HOPS.unknownBuiltin };
    const isPath = specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/') || specifier.startsWith('file://');
    if (!isPath) return { timing: resolve(specifier, path.dirname(host.fileName)) === null ? IMPORT_HOPS.notFound : 'disk' };
    const file = specifier.startsWith('file://') ? decodeURIComponent(specifier.slice(7)) : path.resolve(path.dirname(host.fileName), specifier);
    // ES module resolution adds no extension: a file that is not there is not found at once (a
    // directory is an error of its own, not measured here).
    if (!isFile(file)) return { timing: loadAsDirectory(file) === null && readPackage(file) === null ? IMPORT_HOPS.notFound : 'disk' };
    // A `.cjs` file is CommonJS by its name: Node loads it with require's synchronous reads.
    if (file.endsWith('.cjs')) return loadedOnce(file, IMPORT_HOPS.commonJs);
    // An ES module entry is evaluating or evaluated: importing itself reads nothing.
    if (file === host.fileName) return { timing: host.isModule ? IMPORT_HOPS.loadedModule : 'disk' };
    return { timing: moduleSourceOf(file)?.isModule === true && isModuleLoaded(file) ? IMPORT_HOPS.loadedModule : 'disk' };
  }

  /**
   * Node's loader keeps one job per module (measured on Node 20.20.2): a built-in or `.cjs` file
   * imported again while its first import is under way settles with it, and once imported it
   * settles as quickly as an evaluated ES module.
   */
  function loadedOnce(key: string, firstTiming: HopTiming): { timing: HopTiming; key: string } {
    return { timing: importedKeys.has(key) ? IMPORT_HOPS.loadedModule : firstTiming, key };
  }

  /**
   * A promise for `load()`'s outcome that calls `load` in promise job number `callAt` (0: at once)
   * and settles in job `settleAt`, so that its reactions run in job `settleAt + 1`, as Node's do; a
   * `load()` slower than that settles it when it is done.
   */
  function settleAfterHops(load: () => Promise<unknown>, { callAt, settleAt }: HopTiming, key?: string): Promise<unknown> {
    const pending = key === undefined ? undefined : pendingImports.get(key);
    if (pending) return joinImport(load, pending);
    if (key !== undefined && importedKeys.has(key)) key = undefined;
    const group: PendingImport = { started: false, entries: [] };
    if (key !== undefined) pendingImports.set(key, group);
    afterHops(callAt, () => {
      group.started = true;
      for (const entry of group.entries) entry.start();
    });
    afterHops(settleAt, () => {
      if (key !== undefined) {
        pendingImports.delete(key);
        importedKeys.add(key);
      }
      for (const entry of group.entries) entry.due();
    });
    return joinImport(load, group);
  }

  /**
   * One import() of a group that Node's loader settles together: `load` is called when the group's
   * first import calls its own, and the promise settles in the same job as the group's.
   */
  function joinImport(load: () => Promise<unknown>, group: PendingImport): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let outcome: { ok: true; value: unknown } | { ok: false; error: unknown } | undefined;
      let isDue = false;
      let started = false;
      const finish = () => {
        if (!outcome) return;
        if (outcome.ok) resolve(outcome.value);
        else reject(outcome.error);
      };
      const entry = {
        start() {
          if (started) return;
          started = true;
          try {
            load().then(
              (value) => {
                outcome = { ok: true, value };
                if (isDue) finish();
              },
              (error) => {
                outcome = { ok: false, error };
                if (isDue) finish();
              },
            );
          } catch (error) {
            outcome = { ok: false, error };
          }
        },
        due() {
          isDue = true;
          finish();
        },
      };
      group.entries.push(entry);
      if (group.started) entry.start();
    });
  }

  // Node's `module.require(id)`: the same loading as the module's own `require`, so built-ins LoopLens
  // cannot model stop the run here too (a missing method would predict a TypeError instead).
  Object.defineProperty(Module.prototype, 'require', {
    value: function require(this: Module, id: string): unknown {
      return makeRequire(this)(id);
    },
    enumerable: false,
    configurable: true,
    writable: true,
  });

  return {
    runMain(mainFunction, fileName) {
      const module = new Module('.', null);
      module.filename = fileName;
      module.path = path.dirname(fileName);
      module.paths = nodeModulesPaths(module.path);
      mainModule = module;
      cache[fileName] = module;
      mainFunction.call(module.exports, module.exports, makeRequire(module), module, fileName, module.path);
      module.loaded = true;
    },
    requireFrom(fileName) {
      const module = new Module(fileName, null);
      module.filename = fileName;
      return makeRequire(module);
    },
    resolve,
  };
}

/** Where Node's crash report points for an error thrown inside Node itself. */
export interface InternalSite {
  location: string;
  text: string;
  column: number;
  /** Carets under the text (Node underlines a whole import name). */
  caretLength?: number;
  /** The arrow is part of the error's stack (no blank line before it). */
  attached?: boolean;
}

const loaderErrors = new WeakMap<object, InternalSite>();

/** Node's crash header for an error of its ES module loader, when `error` is one. */
export function loaderErrorSite(error: unknown): InternalSite | undefined {
  return error !== null && typeof error === 'object' ? loaderErrors.get(error) : undefined;
}

// Node 20.20.2's own frames and throw sites for ERR_MODULE_NOT_FOUND (measured).
const RESOLVE_FRAMES = {
  file: ['    at finalizeResolution (node:internal/modules/esm/resolve:283:11)', '    at moduleResolve (node:internal/modules/esm/resolve:952:10)'],
  package: ['    at packageResolve (node:internal/modules/esm/resolve:873:9)', '    at moduleResolve (node:internal/modules/esm/resolve:946:18)'],
};
const LOADER_FRAMES = [
  '    at defaultResolve (node:internal/modules/esm/resolve:1188:11)',
  '    at ModuleLoader.defaultResolve (node:internal/modules/esm/loader:708:12)',
  '    at #cachedDefaultResolve (node:internal/modules/esm/loader:657:25)',
  '    at ModuleLoader.resolve (node:internal/modules/esm/loader:640:38)',
  '    at ModuleLoader.getModuleJobForImport (node:internal/modules/esm/loader:264:38)',
];
const RESOLVE_THROW_SITES: Record<'file' | 'package', InternalSite> = {
  file: { location: 'node:internal/modules/esm/resolve:283', text: '    throw new ERR_MODULE_NOT_FOUND(', column: 11 },
  package: { location: 'node:internal/modules/esm/resolve:873', text: '  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);', column: 9 },
};
/** Node decorates a "Did you mean" error of the entry's graph and rethrows it from its entry point. */
const RUN_MAIN_SITE: InternalSite = { location: 'node:internal/modules/run_main:123', text: '    triggerUncaughtException(', column: 5 };

/**
 * Node's ERR_MODULE_NOT_FOUND as its ES module loader throws it: `Error [CODE]: message` over
 * Node's internal frames, which differ between the static imports of a graph being linked and a
 * dynamic import() (named after the importer's kind).
 */
function nodeResolutionError(failure: ResolutionFailure, linkingEntry: boolean): Error {
  const error = new Error(failure.message) as Error & { code?: string; url?: string };
  error.code = failure.code;
  if (failure.url) error.url = failure.url;
  const kind = failure.importerIsModule ? 'Module' : 'Script';
  const dynamicFrames = [
    '    at ModuleLoader.import (node:internal/modules/esm/loader:605:34)',
    `    at defaultImportModuleDynamicallyFor${kind} (node:internal/modules/esm/utils:${failure.importerIsModule ? 221 : 234}:31)`,
    `    at importModuleDynamicallyCallback (node:internal/modules/esm/utils:${failure.importerIsModule ? 260 : 256}:12)`,
  ];
  const frames = [...RESOLVE_FRAMES[failure.kind], ...LOADER_FRAMES, ...(linkingEntry ? ['    at ModuleJob._link (node:internal/modules/esm/module_job:168:49)'] : dynamicFrames)].slice(0, 10);
  Object.defineProperty(error, 'stack', { value: [`Error [${failure.code}]: ${failure.message}`, ...frames].join('\n'), writable: true, configurable: true, enumerable: false });
  loaderErrors.set(error, failure.hint && linkingEntry ? RUN_MAIN_SITE : RESOLVE_THROW_SITES[failure.kind]);
  return error;
}

/**
 * Node's ERR_UNKNOWN_BUILTIN_MODULE for an ES import of a `node:` name that is no built-in, thrown
 * from its translators; an import() adds the awaiting link step to the stack (measured, Node 20.20.2).
 */
function unknownBuiltinError(name: string, linkingEntry: boolean): Error {
  const error = new Error(`No such built-in module: ${name}`) as Error & { code?: string };
  error.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
  const frames = [
    '    at ModuleLoader.builtinStrategy (node:internal/modules/esm/translators:391:11)',
    '    at #translate (node:internal/modules/esm/loader:497:12)',
    '    at ModuleLoader.loadAndTranslate (node:internal/modules/esm/loader:544:27)',
    ...(linkingEntry ? [] : ['    at async ModuleJob._link (node:internal/modules/esm/module_job:148:19)']),
  ];
  Object.defineProperty(error, 'stack', { value: [`Error [${error.code}]: ${error.message}`, ...frames].join('\n'), writable: true, configurable: true, enumerable: false });
  loaderErrors.set(error, { location: 'node:internal/modules/esm/translators:391', text: '    throw new ERR_UNKNOWN_BUILTIN_MODULE(url);', column: 11 });
  return error;
}

/** Built-ins whose loader stops the run (unsupported): imported lazily by the facade, never probed. */
const UNLOADABLE_BUILTINS = new Set<string>();

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Node blanks a leading `#!` line; keeping its length keeps the columns. */
function stripShebang(text: string): string {
  if (!text.startsWith('#!')) return text;
  const end = text.indexOf('\n');
  return `//${text.slice(2, end < 0 ? text.length : end)}${end < 0 ? '' : text.slice(end)}`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `an instance of ${(value as object).constructor?.name ?? 'Object'}`;
  return `type ${typeof value} (${String(value)})`;
}
