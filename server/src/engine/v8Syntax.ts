// V8's own verdict on a file that does not compile. QuickJS rejects the same programs but words
// its errors differently and often stops at another token (an unclosed block: V8 reaches the end
// of the input, QuickJS a `}` of the wrapper); rebuilding V8's message from QuickJS's position
// (sandbox/syntaxErrors.ts) covers only errors about a token. The engine runs inside Node, whose
// V8 parses the file exactly as the predicted Node would: this module asks it, through node:vm,
// and reads the message, the line and the caret Node prints above it.
//
// Goals:
//   - 'commonjs': the function body Node's CommonJS loader compiles (wrapSafe's parameters), so
//     `return` at the top level is allowed and `await` is not;
//   - 'script': a classic script, as the browser model's page runs it;
//   - 'module': node:vm compiles ES modules only behind a flag, so the file is compiled as the body
//     of a strict async function instead, with its import and export declarations blanked (they
//     are not what fails in the cases this answers). Where that body differs from a module (a top-
//     level `return`, a multi-line import list, `new.target`) the verdict is not used: see `usable`.

import { Script, compileFunction } from 'node:vm';

export interface V8CompileError {
  message: string;
  line: number;
  /** 1-based column of the caret's start (or of where the caret line ends when there is none). */
  column: number;
  /** How many `^` Node prints under the offending text (0 at the end of the input). */
  caretLength: number;
}

/** The parameters of the function Node's CommonJS loader compiles a file as. */
const COMMONJS_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

/** The ES module body is compiled after this, on its first line (columns there are shifted back). */
const MODULE_PREFIX = "(async function () {'use strict';";

/** V8's messages that mean the blanking of import/export syntax missed something. */
const MODULE_SYNTAX_LEFT = /^(?:Cannot use import statement outside a module|Unexpected token 'export'|Cannot use 'import\.meta' outside a module|Unexpected token 'import')$/;

/**
 * V8's SyntaxError for `text` compiled in `goal`, or null when it compiles (or when the module
 * approximation cannot say).
 */
export function v8CompileError(text: string, goal: 'commonjs' | 'script' | 'module', fileName: string): V8CompileError | null {
  if (goal === 'commonjs') return compileError(() => compileFunction(text, COMMONJS_PARAMETERS, { filename: fileName }));
  if (goal === 'script') return compileError(() => new Script(text, { filename: fileName }));
  const body = blankModuleSyntax(text);
  let parsed = compileError(() => new Script(`${MODULE_PREFIX}${body}\n})`, { filename: fileName }));
  if (!parsed) return null;
  if (parsed.line > text.split('\n').length || parsed.message === 'Unexpected end of input') {
    // The file ran off its end (an unclosed block, template or expression), or it closed the
    // wrapper itself with a `}` too many, which this approximation cannot place. An unclosed block
    // makes the wrapper's `)` the error; an unfinished expression takes a `0` before the wrapper's
    // end and compiles. Then, without the wrapper's end, V8 reaches the end of the input where the
    // module's own parse would.
    const ranOffTheEnd = parsed.message === 'Unexpected end of input' || parsed.column === 2 || !compileError(() => new Script(`${MODULE_PREFIX}${body}\n0})`, { filename: fileName }));
    if (!ranOffTheEnd) return null;
    parsed = compileError(() => new Script(`${MODULE_PREFIX}${body}`, { filename: fileName }));
    if (!parsed || parsed.message !== 'Unexpected end of input') return null;
  }
  // A module is strict and `await` is reserved in it: in a function that is not async, V8 calls it
  // a reserved word there, where the wrapper's async function explains itself.
  if (parsed.message === 'await is only valid in async functions and the top level bodies of modules') parsed.message = 'Unexpected reserved word';
  if (MODULE_SYNTAX_LEFT.test(parsed.message)) return null;
  if (parsed.line === 1) parsed.column = Math.max(1, parsed.column - MODULE_PREFIX.length);
  return parsed;
}

/** The SyntaxError `compile` throws, read from Node's decoration of its stack; null when it compiles. */
function compileError(compile: () => unknown): V8CompileError | null {
  try {
    compile();
    return null;
  } catch (error) {
    if (!(error instanceof SyntaxError) || typeof error.stack !== 'string') return null;
    return parseDecoratedStack(error.stack, error.message);
  }
}

/**
 * Node decorates a compile error's stack with the place it points at:
 * `file:line\n<source line>\n<spaces and carets>\n\nSyntaxError: message`.
 */
function parseDecoratedStack(stack: string, message: string): V8CompileError | null {
  const [header, , caretLine] = stack.split('\n');
  const line = /:(\d+)$/.exec(header ?? '');
  if (!line || caretLine === undefined) return null;
  const caretStart = caretLine.indexOf('^');
  const caretLength = caretStart < 0 ? 0 : caretLine.slice(caretStart).replace(/[^^].*$/, '').length;
  return { message, line: Number(line[1]), column: (caretStart < 0 ? caretLine.length : caretStart) + 1, caretLength };
}

/**
 * The module's text with its single-line import and export declarations turned into blanks of the
 * same length (an `export default` into `0,` so that what follows stays an expression), and
 * `import.meta` into an identifier of the same length: a function body accepts what is left.
 */
function blankModuleSyntax(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*import\s*(?:[\w$*{][^'"]*from\s*)?(['"])[^'"]*\1\s*;?\s*(?:\/\/.*)?$/.test(line)) return ' '.repeat(line.length);
      if (/^\s*export\s*(?:\*|\{)[^;]*;?\s*(?:\/\/.*)?$/.test(line)) return ' '.repeat(line.length);
      return line
        .replace(/^(\s*)export\s+default\b/, (whole, indent: string) => `${indent}0,${' '.repeat(whole.length - indent.length - 2)}`)
        .replace(/^(\s*)export\b/, (whole, indent: string) => `${indent}${' '.repeat(whole.length - indent.length)}`)
        .replace(/\bimport\.meta\b/g, '_mport.meta');
    })
    .join('\n');
}
