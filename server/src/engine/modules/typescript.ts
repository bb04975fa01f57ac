// TypeScript files a program imports: the worker asks for them through the synchronous file
// channel with a suffix (sandbox/moduleProtocol.ts), and the Predictor, which holds the compiler,
// answers with the file compiled by `ts.transpileModule` under the nearest tsconfig.json's options
// (target, esModuleInterop, experimentalDecorators, ...). Only the module kind is the loader's
// choice: CommonJS for `require`, ES modules for `import` under the node-esm model.

import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { CausalRecord, EngineHost, ModelResult } from '../types';
import { LIST_DIRECTORY_SUFFIX, READ_BYTES_SUFFIX, REAL_PATH_SUFFIX, STAT_PATH_SUFFIX, TOP_LEVEL_AWAIT_SUFFIX, TRANSPILE_CJS_SUFFIX, TRANSPILE_ESM_SUFFIX } from '../sandbox/moduleProtocol';
import { msg, type LocalizableMessage } from '../../syntax/message';

type TypeScript = typeof import('typescript');

function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

/** The compiler options of the nearest tsconfig.json above `file` (its `extends` followed through the host). */
export function compilerOptionsFor(ts: TypeScript, host: EngineHost, file: string): import('typescript').CompilerOptions {
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    const configPath = `${directory === '/' ? '' : directory}/tsconfig.json`;
    const text = safeRead(host, configPath);
    if (text !== undefined) {
      const parsed = ts.parseConfigFileTextToJson(configPath, text);
      if (parsed.error || !parsed.config) return {};
      const result = ts.parseJsonConfigFileContent(parsed.config, {
        useCaseSensitiveFileNames: true,
        readDirectory: () => [],
        fileExists: (path) => safeRead(host, path) !== undefined,
        readFile: (path) => safeRead(host, path),
      }, directory, undefined, configPath);
      return result.options;
    }
    if (directory === '/') return {};
  }
}

function safeRead(host: EngineHost, path: string): string | undefined {
  try {
    return host.readFile(path);
  } catch {
    return undefined;
  }
}

/**
 * The Predictor's answer to a file request from the worker: the file's text, or for a path with a
 * transpile suffix the file compiled to JavaScript. A TypeScript file longer than `maxTranspileLength`
 * (the size budget) is answered with its own text, not compiled: the loader refuses a module that
 * long anyway (runner.ts refuseLargeModule), and compiling it here would take seconds first.
 */
export function answerFileRequest(ts: TypeScript, host: EngineHost | null, path: string, maxTranspileLength = Infinity): string | undefined {
  if (!host) return undefined;
  if (path.endsWith(LIST_DIRECTORY_SUFFIX)) {
    const names = host.listDirectory?.(path.slice(0, -LIST_DIRECTORY_SUFFIX.length));
    return names === undefined ? undefined : JSON.stringify(names);
  }
  if (path.endsWith(STAT_PATH_SUFFIX)) {
    const stat = host.statPath?.(path.slice(0, -STAT_PATH_SUFFIX.length));
    return stat === undefined ? undefined : JSON.stringify(stat);
  }
  if (path.endsWith(REAL_PATH_SUFFIX)) return host.realPath?.(path.slice(0, -REAL_PATH_SUFFIX.length));
  if (path.endsWith(READ_BYTES_SUFFIX)) {
    // Base64: strings enter QuickJS as C strings, where a NUL byte would end the file.
    const bytes = host.readBytes?.(path.slice(0, -READ_BYTES_SUFFIX.length));
    return bytes === undefined ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }
  if (path.endsWith(TOP_LEVEL_AWAIT_SUFFIX)) {
    const file = path.slice(0, -TOP_LEVEL_AWAIT_SUFFIX.length);
    const text = safeRead(host, file);
    return text === undefined ? undefined : String(usesTopLevelAwait(ts, text, file));
  }
  const suffix = path.endsWith(TRANSPILE_CJS_SUFFIX) ? TRANSPILE_CJS_SUFFIX : path.endsWith(TRANSPILE_ESM_SUFFIX) ? TRANSPILE_ESM_SUFFIX : null;
  if (!suffix) return host.readFile(path);
  const file = path.slice(0, -suffix.length);
  const text = safeRead(host, file);
  if (text === undefined || text.length > maxTranspileLength) return text;
  const { options } = predictedOptions(ts, compilerOptionsFor(ts, host, file));
  const output = ts.transpileModule(text, {
    fileName: file,
    compilerOptions: {
      ...options,
      target: options.target ?? ts.ScriptTarget.ES2022,
      module: suffix === TRANSPILE_CJS_SUFFIX ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext,
      sourceMap: false,
      inlineSourceMap: false,
      declaration: false,
    },
  });
  return output.outputText;
}

/** Whether a module body awaits outside every function (`await x`, `for await`), as Node's linker sees it. */
export function usesTopLevelAwait(ts: TypeScript, text: string, fileName: string): boolean {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const visit = (node: import('typescript').Node): boolean => {
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) return true;
    // A function's awaits are its own; class members cannot await at the top level.
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    return ts.forEachChild(node, visit) === true;
  };
  return ts.forEachChild(source, visit) === true;
}

/**
 * How the entry TypeScript file is compiled: the nearest tsconfig.json's options, and whether its
 * `module` setting makes the file an ES module (true), CommonJS (false), or leaves it to the
 * syntax and extension (undefined: Node16/NodeNext, or no setting).
 */
export function entryCompilerOptions(ts: TypeScript, host: EngineHost, fileName: string): { options: import('typescript').CompilerOptions; isModule: boolean | undefined; notes: LocalizableMessage[]; emitted?: { options: import('typescript').CompilerOptions; target: string } } {
  const configured = compilerOptionsFor(ts, host, fileName);
  const { options, notes } = predictedOptions(ts, configured);
  // When the prediction does not follow the configured target, the emitted code is run as well
  // (engine/index.ts) and what it would print differently becomes a note.
  const emitted = options.target !== configured.target && configured.target !== undefined ? { options: configured, target: ts.ScriptTarget[configured.target] } : undefined;
  const kind = options.module;
  let isModule: boolean | undefined;
  if (kind === ts.ModuleKind.CommonJS) isModule = false;
  else if (kind !== undefined && kind >= ts.ModuleKind.ES2015 && kind <= ts.ModuleKind.ESNext) isModule = true;
  return { options, isModule, notes, emitted };
}

/**
 * LoopLens predicts what the TypeScript source means: a configured target below ES2015 would turn
 * `let`/`const` into `var` (no TDZ errors), classes into functions and async functions into
 * generator state machines (other tick counts), so the prediction compiles for ES2022 instead and
 * says what the configured target changes.
 */
function predictedOptions(ts: TypeScript, options: import('typescript').CompilerOptions): { options: import('typescript').CompilerOptions; notes: LocalizableMessage[] } {
  const notes: LocalizableMessage[] = [];
  if (options.target !== undefined && options.target < ts.ScriptTarget.ES2015) {
    notes.push(msg('tsconfig.json targets {0}: the emitted JavaScript turns let/const into var (a TDZ ReferenceError predicted here does not happen there), classes into functions and async functions into state machines (await may take other tick counts). The prediction follows the TypeScript source (compiled for ES2022).', ts.ScriptTarget[options.target]));
    return { options: { ...options, target: ts.ScriptTarget.ES2022 }, notes };
  }
  return { options, notes };
}

/**
 * Positions in a prediction of a TypeScript entry refer to the compiled JavaScript; the compiler's
 * source map takes every output line's position, and the positions in its causal chain, back to
 * the user's .ts text (1-based lines and columns on both sides).
 */
export function mapPredictionToSource(result: ModelResult, sourceMapText: string): void {
  let map: TraceMap;
  try {
    map = new TraceMap(sourceMapText);
  } catch {
    return;
  }
  const toSource = (line: number, column: number): { line: number; column: number } | null => {
    if (line < 1) return null;
    const original = originalPositionFor(map, { line, column: Math.max(0, column - 1) });
    return original.line === null ? null : { line: original.line, column: original.column + 1 };
  };
  // Causes are shared between output lines (a parent chain): each position is mapped once.
  const mapped = new WeakSet<object>();
  const mapCause = (cause: CausalRecord | null | undefined) => {
    for (let current = cause; current && !mapped.has(current); current = current.parent) {
      mapped.add(current);
      if (current.scheduledAt) current.scheduledAt = toSource(current.scheduledAt.line, current.scheduledAt.column) ?? current.scheduledAt;
    }
  };
  for (const output of result.output) {
    const position = toSource(output.line, output.column);
    if (position) {
      output.line = position.line;
      output.column = position.column;
    }
    mapCause(output.cause);
  }
}
