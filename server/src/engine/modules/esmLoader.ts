// ES modules for the node-esm model (and `.mjs` entries, and `import()` from CommonJS): QuickJS's
// own module loader does the linking, evaluation order, live bindings, cycles and top-level
// await as the specification says; this file answers its two questions as Node 20 does.
//
// - normalise(importer, specifier): Node's ESM resolution. Relative specifiers must name the file
//   exactly (no extension guessing: `./lib` fails with ERR_MODULE_NOT_FOUND), `node:` and bare
//   built-in names are built-ins, other bare names are packages under node_modules
//   (package.json `exports` "." / `main` / index.js).
// - load(name): the module's source. ES modules load as written; built-ins and CommonJS files
//   become small modules that call into the sandbox (`__looplens_modules`, modules.ts): the
//   default export is `module.exports`, and the named exports are those cjs-module-lexer detects,
//   as Node does.
//
// Files are read through the sandbox's `fsRead` primitive, so unsaved editor contents count.

import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { TOP_LEVEL_AWAIT_SUFFIX, TRANSPILE_ESM_SUFFIX, TYPESCRIPT_SOURCE, importMetaPrologue, type ResolutionFailure } from '../sandbox/moduleProtocol';

// `require`, not `import`: the package's "import" condition is its wasm build, which needs an
// asynchronous init; the "default" one (lexer.js) is the pure-JavaScript lexer, usable at once.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseCommonJs } = require('cjs-module-lexer') as { parse(source: string): { exports: string[]; reexports: string[] } };

const BUILTIN_PREFIX = 'node:';

/** Calls `__looplens_modules[method](...args)` inside the sandbox; the result as JSON data. */
function callSandbox(vm: QuickJSContext, method: string, ...args: unknown[]): unknown {
  const result = vm.evalCode(`globalThis.__looplens_modules && JSON.stringify(globalThis.__looplens_modules.${method}(...${JSON.stringify(args)}))`, '<looplens>');
  if (result.error) {
    result.error.dispose();
    return undefined;
  }
  const text = vm.dump(result.value) as string | undefined;
  result.value.dispose();
  return typeof text === 'string' ? JSON.parse(text) : undefined;
}

function readFile(vm: QuickJSContext, path: string): string | undefined {
  const text = callSandbox(vm, 'read', path);
  return typeof text === 'string' ? text : undefined;
}

/** The path Node's resolver names a found file by: its symbolic links resolved (finalizeResolution). */
function realPath(vm: QuickJSContext, file: string): string {
  const real = callSandbox(vm, 'realPath', file);
  return typeof real === 'string' ? real : file;
}

function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

/** POSIX path.resolve for absolute bases, enough for import specifiers. */
function resolvePath(base: string, relative: string): string {
  const parts = relative.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/**
 * Ends the run with `file-size` when a module's text is past the size budget (budgets.fileSizeKb,
 * as for the entry file) and says true; its compile would take seconds the time budget cannot stop.
 */
export type RefuseLargeModule = (fileName: string, textLength: number) => boolean;

/** The error a refused module's load throws: the run has ended, so nothing sees it but the unwinding. */
export function refusedModuleError(vm: QuickJSContext, fileName: string): QuickJSHandle {
  return vm.newError({ name: 'Error', message: `LoopLens did not load ${fileName}: it is over the size budget` });
}

function moduleError(vm: QuickJSContext, message: string, code: string, extra: Record<string, string> = {}): QuickJSHandle {
  const result = vm.evalCode(`Object.assign(new Error(${JSON.stringify(message)}), ${JSON.stringify({ code, ...extra })})`, '<looplens>');
  return result.error ?? result.value;
}

/** Node's resolution error, built by the sandbox with Node's internal frames (sandbox/modules.ts). */
function resolutionError(vm: QuickJSContext, failure: ResolutionFailure): QuickJSHandle {
  const result = vm.evalCode(`globalThis.__looplens_modules.resolutionError(${JSON.stringify(failure)})`, '<looplens>');
  if (!result.error) return result.value;
  result.error.dispose();
  return moduleError(vm, failure.message, failure.code, failure.url ? { url: failure.url } : {});
}

/** Node's error for a `node:` name that is no built-in, built by the sandbox with Node's internal frames. */
function unknownBuiltinError(vm: QuickJSContext, name: string): QuickJSHandle {
  const result = vm.evalCode(`globalThis.__looplens_modules.unknownBuiltinError(${JSON.stringify(name)})`, '<looplens>');
  if (!result.error) return result.value;
  result.error.dispose();
  return moduleError(vm, `No such built-in module: ${name}`, 'ERR_UNKNOWN_BUILTIN_MODULE');
}

function readPackageJson(vm: QuickJSContext, directory: string): Record<string, unknown> | null {
  const text = readFile(vm, `${directory === '/' ? '' : directory}/package.json`);
  if (text === undefined) return null;
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : null;
  } catch {
    return null;
  }
}

/** The entry of a package's `exports` for `import` of the package root, as far as plain strings and conditions go. */
function exportsEntry(exportsField: unknown): string | null {
  if (typeof exportsField === 'string') return exportsField;
  if (Array.isArray(exportsField)) return exportsField.map(exportsEntry).find((entry) => entry !== null) ?? null;
  if (!exportsField || typeof exportsField !== 'object') return null;
  const record = exportsField as Record<string, unknown>;
  if ('.' in record) return exportsEntry(record['.']);
  for (const condition of ['node', 'import', 'default']) if (condition in record) {
    const entry = exportsEntry(record[condition]);
    if (entry) return entry;
  }
  return null;
}

function resolvePackage(vm: QuickJSContext, specifier: string, importerDirectory: string): string | null {
  const parts = specifier.split('/');
  const packageName = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const subpath = specifier.slice(packageName.length);
  for (let directory = importerDirectory; ; directory = dirname(directory)) {
    if (!directory.endsWith('/node_modules')) {
      const packageDirectory = `${directory === '/' ? '' : directory}/node_modules/${packageName}`;
      const pkg = readPackageJson(vm, packageDirectory);
      if (subpath) {
        const file = resolvePath(packageDirectory, `.${subpath}`);
        if (readFile(vm, file) !== undefined) return file;
      } else if (pkg) {
        const entry = exportsEntry(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : null);
        const candidates = entry ? [entry, `${entry}.js`, `${entry}/index.js`] : ['index.js'];
        for (const candidate of candidates) {
          const file = resolvePath(packageDirectory, candidate);
          if (readFile(vm, file) !== undefined) return file;
        }
      } else if (readFile(vm, `${packageDirectory}/index.js`) !== undefined) {
        return `${packageDirectory}/index.js`;
      }
    }
    if (directory === '/') return null;
  }
}

/** "module" or "commonjs": how Node runs this file (extension, then the nearest package.json "type"). */
function formatOf(vm: QuickJSContext, file: string): 'module' | 'commonjs' | 'json' {
  if (file.endsWith('.mjs') || file.endsWith('.mts')) return 'module';
  if (file.endsWith('.cjs') || file.endsWith('.cts')) return 'commonjs';
  if (file.endsWith('.json')) return 'json';
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    const pkg = readPackageJson(vm, directory);
    if (pkg) return pkg.type === 'module' ? 'module' : 'commonjs';
    if (directory === '/' || directory.endsWith('/node_modules')) return 'commonjs';
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(['default', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'await', 'implements', 'package', 'protected', 'interface', 'private', 'public']);

/** A module whose exports are those of a value the sandbox hands over (a built-in or a CommonJS module). */
function facade(loadExpression: string, names: string[]): string {
  const unique = [...new Set(names)].filter((name) => IDENTIFIER.test(name) && !RESERVED.has(name));
  const lines = [`const __looplens_value = ${loadExpression};`, 'export default __looplens_value;'];
  if (unique.length > 0) {
    lines.push(`const { ${unique.map((name, index) => `${name}: __looplens_export${index}`).join(', ')} } = __looplens_value;`);
    lines.push(`export { ${unique.map((name, index) => `__looplens_export${index} as ${name}`).join(', ')} };`);
  }
  return lines.join('\n');
}

export { importMetaPrologue };

/** What a synchronous require() of an ES module asks of the loader while QuickJS links the graph. */
export interface EsModuleLoaderControl {
  /**
   * Runs `link` (which makes QuickJS load, link and evaluate a graph) refusing any module that uses
   * top-level await: Node 20 checks the whole graph when linking and evaluates none of it. The
   * first such module's file, if one was refused.
   */
  withoutTopLevelAwait<T>(link: () => T): { result: T; refused: string | null };
}

/** Each context's way to forget what its loader learned during a run (see forgetModuleLoaderState). */
const loaderResets = new WeakMap<QuickJSContext, () => void>();

/**
 * Forgets the resolution failures (a missing file may exist by the next run) and the linking mode
 * of the loader installed on `vm`: the engine worker calls it when it puts a prepared context back.
 * The loader itself stays: the host primitives (requireEsm) hold on to its control.
 */
export function forgetModuleLoaderState(vm: QuickJSContext): void {
  loaderResets.get(vm)?.();
}

/** Installs Node's ESM resolution and loading as the QuickJS runtime's module loader. */
export function installEsModuleLoader(vm: QuickJSContext, refuseLargeModule: RefuseLargeModule): EsModuleLoaderControl {
  let refuseTopLevelAwait = false;
  let refused: string | null = null;
  // QuickJS drops an error the normaliser returns and asks the loader for the name instead; the
  // loader then throws Node's error for it, remembered here by the name the normaliser gave.
  const resolutionErrors = new Map<string, ResolutionFailure>();
  loaderResets.set(vm, () => {
    resolutionErrors.clear();
    refuseTopLevelAwait = false;
    refused = null;
  });
  vm.runtime.setModuleLoader(
    (name, context) => {
      if (name.startsWith(BUILTIN_PREFIX)) {
        const keys = callSandbox(context, 'builtinKeys', name);
        if (!Array.isArray(keys)) return { error: unknownBuiltinError(context, name) };
        return facade(`globalThis.__looplens_modules.builtin(${JSON.stringify(name)})`, keys as string[]);
      }
      const failure = resolutionErrors.get(name);
      if (failure) return { error: resolutionError(context, failure) };
      const text = readFile(context, TYPESCRIPT_SOURCE.test(name) ? name + TRANSPILE_ESM_SUFFIX : name);
      if (text === undefined) return { error: moduleError(context, `Cannot find module '${name}'`, 'ERR_MODULE_NOT_FOUND') };
      const format = formatOf(context, name);
      // Before the module's compile, or for CommonJS before its exports are lexed (JSON is not compiled).
      // Measured as the entry and CommonJS modules are: without a byte order mark.
      const measuredLength = text.charCodeAt(0) === 0xfeff ? text.length - 1 : text.length;
      if (format !== 'json' && refuseLargeModule(name, measuredLength)) return { error: refusedModuleError(context, name) };
      if (format === 'module') {
        if (refuseTopLevelAwait && readFile(context, name + TOP_LEVEL_AWAIT_SUFFIX) === 'true') {
          refused ??= name;
          return { error: moduleError(context, 'top-level await', 'ERR_REQUIRE_ASYNC_MODULE') };
        }
        callSandbox(context, 'loaded', name);
        return importMetaPrologue(name) + text;
      }
      if (format === 'json') return `export default ${text.trim() || 'undefined'};`;
      let names: string[] = [];
      try {
        names = parseCommonJs(text).exports;
      } catch {
        names = [];
      }
      return facade(`globalThis.__looplens_modules.require(${JSON.stringify(name)})`, names);
    },
    (importer, specifier, context) => {
      const builtin = specifier.startsWith(BUILTIN_PREFIX) ? specifier : `${BUILTIN_PREFIX}${specifier}`;
      if (callSandbox(context, 'isBuiltin', builtin) === true) return builtin;
      if (specifier.startsWith(BUILTIN_PREFIX)) return specifier;
      const importerPath = importer.startsWith('file://') ? importer.slice(7) : importer;
      const importerDirectory = dirname(importerPath);
      if (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/') || specifier.startsWith('file://')) {
        let file = resolvePath(importerDirectory, specifier.startsWith('file://') ? decodeURIComponent(specifier.slice(7)) : specifier);
        // TypeScript sources import each other by their compiled names (`./lib.js` for lib.ts).
        if (TYPESCRIPT_SOURCE.test(importerPath) && /\.[mc]?js$/.test(file) && readFile(context, file) === undefined) {
          const source = file.replace(/js$/, 'ts');
          if (readFile(context, source) !== undefined) file = source;
        }
        if (readFile(context, file) === undefined) {
          let message = `Cannot find module '${file}' imported from ${importerPath}`;
          const guess = ['.js', '.mjs', '.cjs', '.json'].find((extension) => readFile(context, file + extension) !== undefined);
          if (guess) message += `\nDid you mean to import "${specifier}${guess}"?`;
          resolutionErrors.set(file, { message, code: 'ERR_MODULE_NOT_FOUND', url: `file://${file}`, kind: 'file', hint: guess !== undefined, importerIsModule: formatOf(context, importerPath) === 'module' });
          return file;
        }
        return realPath(context, file);
      }
      let found = resolvePackage(context, specifier, importerDirectory);
      // A package a linked package finds only through a link the host may not follow: looked for
      // from the path the importer was found by (sandbox/modules.ts resolve).
      const foundBy = found ? null : callSandbox(context, 'foundBy', importerPath);
      if (typeof foundBy === 'string') found = resolvePackage(context, specifier, dirname(foundBy));
      if (found) return realPath(context, found);
      const missing = `${importerDirectory}/node_modules/${specifier}`;
      resolutionErrors.set(missing, { message: `Cannot find package '${specifier}' imported from ${importerPath}`, code: 'ERR_MODULE_NOT_FOUND', kind: 'package', hint: false, importerIsModule: formatOf(context, importerPath) === 'module' });
      return missing;
    },
  );
  return {
    withoutTopLevelAwait(link) {
      const outer = refuseTopLevelAwait;
      refuseTopLevelAwait = true;
      refused = null;
      try {
        const result = link();
        return { result, refused };
      } finally {
        refuseTopLevelAwait = outer;
      }
    },
  };
}
