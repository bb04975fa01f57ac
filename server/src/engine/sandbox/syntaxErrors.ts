// V8's wording of a syntax error. QuickJS words parse errors its own way ("expecting '}'",
// "unexpected token in expression: ';'") but points at the same offending token as V8 in most
// cases; V8 names that token ("Unexpected identifier 'b'", "Unexpected token ';'", "Unexpected
// number"), and Node's crash header underlines it. So the message is rebuilt from the token found
// at QuickJS's position, with the few messages that are not about a token mapped one to one.
// Checked against real node on a set of typical typing mistakes (test/unit/syntax-errors.test.mjs; imported files in test/unit/modules.test.mjs).

export interface V8SyntaxError {
  message: string;
  /** Node's crash header underlines the whole offending token. */
  caretLength: number;
}

/** QuickJS messages that are not about the token at the position, in V8's words. */
const FIXED_MESSAGES: Record<string, string> = {
  'missing initializer for const variable': 'Missing initializer in const declaration',
  'function name expected': 'Function statements require a function name',
  'duplicate argument names not allowed in this context': 'Duplicate parameter name not allowed in this context',
};

/** The same, where Node's caret spans the token at QuickJS's position (`return`, `target`). */
const FIXED_TOKEN_MESSAGES: Record<string, string> = {
  'return not in a function': 'Illegal return statement',
  'new.target only allowed within functions': 'new.target expression is not allowed here',
};

const KEYWORDS = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'export', 'extends',
  'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'return', 'super', 'switch', 'this', 'throw', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'null', 'true', 'false', 'enum',
]);

const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>', '{', '}', '(', ')', '[', ']', ';', ',', '<', '>', '+', '-', '*', '/',
  '%', '&', '|', '^', '!', '~', '?', ':', '=', '.',
];

const INVALID = 'Invalid or unexpected token';

/**
 * V8's message for a parse error QuickJS reported with `message` at a 1-based `line`/`column` of
 * `lines` (the code QuickJS compiled); null when there is nothing better to say than QuickJS's.
 */
export function v8SyntaxError(message: string, lines: string[], line: number, column: number): V8SyntaxError | null {
  const fixed = FIXED_MESSAGES[message];
  if (fixed) return { message: fixed, caretLength: 1 };
  const text = lines[line - 1] ?? '';
  const rest = text.slice(column - 1);
  const tokenMessage = FIXED_TOKEN_MESSAGES[message];
  if (tokenMessage) return { message: tokenMessage, caretLength: Math.max(1, tokenAt(rest)?.length ?? 1) };
  if (message === "expecting ','" && insideCallArguments(text.slice(0, column - 1))) {
    return { message: 'missing ) after argument list', caretLength: Math.max(1, tokenAt(rest)?.length ?? 1) };
  }
  // Nothing but blanks and comments left: the program ended too early.
  if (/^\s*$/.test(rest) && lines.slice(line).every((later) => /^\s*(?:\/\/.*)?$/.test(later))) return { message: 'Unexpected end of input', caretLength: 1 };
  const token = tokenAt(rest);
  if (!token) return { message: INVALID, caretLength: 1 };
  return { message: describeToken(token), caretLength: token.length };
}

/** The token at the start of `text` (as V8's scanner would cut it), or null for an invalid character. */
function tokenAt(text: string): string | null {
  const identifier = /^[A-Za-z_$][\w$]*/.exec(text);
  if (identifier) return identifier[0];
  const number = /^(?:0[xXoObB][\da-fA-F_]+n?|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?n?|\.\d+(?:[eE][+-]?\d+)?)[\w$]*/.exec(text);
  if (number) return number[0];
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const string = new RegExp(`^${quote}(?:[^${quote}\\\\\\n]|\\\\.)*${quote}`).exec(text);
    return string ? string[0] : text;
  }
  if (quote === '`') return '`';
  return PUNCTUATORS.find((punctuator) => text.startsWith(punctuator)) ?? null;
}

function describeToken(token: string): string {
  if (/^[A-Za-z_$]/.test(token)) return KEYWORDS.has(token) ? `Unexpected token '${token}'` : `Unexpected identifier '${token}'`;
  if (/^[\d.]/.test(token) && token !== '.' && token !== '...') {
    // A number glued to letters (`1x`, `08n`) is not a number token at all.
    return /^(?:0[xXoObB][\da-fA-F_]+n?|[1-9][\d_]*n|0n|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/.test(token) && !/^0\d*[89]/.test(token) ? 'Unexpected number' : INVALID;
  }
  // tokenAt gives an unterminated string as the rest of the line.
  if (token[0] === '"' || token[0] === "'") return token.length > 1 && token.endsWith(token[0]) ? 'Unexpected string' : INVALID;
  if (token === '`') return 'Unexpected template string';
  return `Unexpected token '${token}'`;
}

/** Whether the innermost bracket still open before the error is a call's `(` (V8 then says "missing )"). */
function insideCallArguments(before: string): boolean {
  let depth = 0;
  for (let index = before.length - 1; index >= 0; index--) {
    const char = before[index];
    if (char === ')' || char === ']' || char === '}') depth += 1;
    else if (char === '(' || char === '[' || char === '{') {
      if (depth > 0) {
        depth -= 1;
        continue;
      }
      return char === '(' && /[\w$)\]]\s*$/.test(before.slice(0, index));
    }
  }
  return false;
}
