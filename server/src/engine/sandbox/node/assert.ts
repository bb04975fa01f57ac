// Node's `assert` module with Node 20's AssertionError texts (measured with node 20.20.2: the
// strict-equality header, the `+ actual - expected` line diff of deepStrictEqual, the `^` column
// indicator, `1 == 2` for loose operators, and `assert.ok`'s quoting of the failing expression
// read from the source file).
import { isDeepEqual } from './deep-equal';
import { invalidArgType, stackFrames } from './errors';

export interface AssertDeps {
  inspect: (value: unknown, options?: Record<string, unknown>) => string;
  /** The innermost user frame's position, for `assert.ok`'s message. */
  caller?: () => { line: number; column: number } | null;
  /** The user's source text (the entry file), for `assert.ok`'s message. */
  readSource?: () => string | undefined;
}

const readableOperator: Record<string, string> = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};

/** Lines shorter than this (both values together) are shown as `a !== b` rather than a diff. */
const SHORT_LENGTH = 12;

const isObjectLike = (value: unknown) => (typeof value === 'object' && value !== null) || typeof value === 'function';

export function createAssert(deps: AssertDeps): any {
  const inspectValue = (value: unknown) =>
    deps.inspect(value, {
      compact: false,
      customInspect: false,
      depth: 1000,
      maxArrayLength: Infinity,
      showHidden: false,
      showProxy: false,
      sorted: true,
      getters: true,
    });

  /** Context lines around a run of identical lines, as Node prints them. */
  function flushIdentical(lines: string[], index: number, identical: number, state: { res: string; printed: number; skipped: boolean }) {
    if (identical <= 2) return;
    if (identical > 3) {
      if (identical > 4) {
        if (identical === 5) {
          state.res += `\n  ${lines[index - 3]}`;
          state.printed++;
        } else {
          state.res += '\n...';
          state.skipped = true;
        }
      }
      state.res += `\n  ${lines[index - 2]}`;
      state.printed++;
    }
    state.res += `\n  ${lines[index - 1]}`;
    state.printed++;
  }

  function diffMessage(actual: unknown, expected: unknown, operator: string, header?: string): string {
    const actualInspected = inspectValue(actual);
    const actualLines = actualInspected.split('\n');
    const expectedLines = inspectValue(expected).split('\n');
    let column = 0;
    let indicator = '';
    if (operator === 'strictEqual' && ((isObjectLike(actual) && isObjectLike(expected)) || (typeof actual === 'function' && typeof expected === 'function'))) {
      operator = 'strictEqualObject';
    }
    const title = header ?? readableOperator[operator];
    if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
      const inputLength = actualLines[0].length + expectedLines[0].length;
      if (inputLength <= SHORT_LENGTH) {
        if (!isObjectLike(actual) && !isObjectLike(expected) && (actual !== 0 || expected !== 0)) {
          return `${title}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
        }
      } else if (operator !== 'strictEqualObject' && inputLength < 80) {
        while (actualLines[0][column] === expectedLines[0][column]) column++;
        if (column > 2) {
          indicator = `\n  ${' '.repeat(column)}^`;
          column = 0;
        }
      }
    }
    // Common trailing lines are kept (at most three) as context after the diff.
    let end = '';
    let other = '';
    let lastActual = actualLines[actualLines.length - 1];
    let lastExpected = expectedLines[expectedLines.length - 1];
    while (lastActual === lastExpected) {
      if (column++ < 3) end = `\n  ${lastActual}${end}`;
      else other = lastActual;
      actualLines.pop();
      expectedLines.pop();
      if (actualLines.length === 0 || expectedLines.length === 0) break;
      lastActual = actualLines[actualLines.length - 1];
      lastExpected = expectedLines[expectedLines.length - 1];
    }
    const maxLines = Math.max(actualLines.length, expectedLines.length);
    if (maxLines === 0) {
      const lines = actualInspected.split('\n');
      if (lines.length > 50) {
        lines[46] = '...';
        lines.length = 47;
      }
      return `${readableOperator.notIdentical}\n\n${lines.join('\n')}\n`;
    }
    const state = { res: '', printed: 0, skipped: false };
    if (column >= 5) {
      end = `\n...${end}`;
      state.skipped = true;
    }
    if (other !== '') {
      end = `\n  ${other}${end}`;
      other = '';
    }
    let identical = 0;
    const message = `${title}\n+ actual - expected`;
    const skippedMessage = ' ... Lines skipped';
    let lines = actualLines;
    let plusMinus = '+';
    let shorter = expectedLines.length;
    if (actualLines.length < maxLines) {
      lines = expectedLines;
      plusMinus = '-';
      shorter = actualLines.length;
    }
    for (let i = 0; i < maxLines; i++) {
      if (shorter < i + 1) {
        flushIdentical(lines, i, identical, state);
        identical = 0;
        if (lines === actualLines) state.res += `\n${plusMinus} ${lines[i]}`;
        else other += `\n${plusMinus} ${lines[i]}`;
        state.printed++;
      } else {
        const expectedLine = expectedLines[i];
        let actualLine = actualLines[i];
        // A line that differs only by a trailing comma is the same line.
        let diverging = actualLine !== expectedLine && (!actualLine.endsWith(',') || actualLine.slice(0, -1) !== expectedLine);
        if (diverging && expectedLine.endsWith(',') && expectedLine.slice(0, -1) === actualLine) {
          diverging = false;
          actualLine += ',';
        }
        if (diverging) {
          flushIdentical(actualLines, i, identical, state);
          identical = 0;
          state.res += `\n+ ${actualLine}`;
          other += `\n- ${expectedLine}`;
          state.printed += 2;
        } else {
          state.res += other;
          other = '';
          identical++;
          if (identical <= 2) {
            state.res += `\n  ${actualLine}`;
            state.printed++;
          }
        }
      }
      if (state.printed > 50 && i < maxLines - 2) {
        return `${message}${skippedMessage}\n${state.res}\n...${other}\n...`;
      }
    }
    return `${message}${state.skipped ? skippedMessage : ''}\n${state.res}${other}${end}${indicator}`;
  }

  function buildMessage(actual: unknown, expected: unknown, operator: string): string {
    if (operator === 'deepStrictEqual' || operator === 'strictEqual') return diffMessage(actual, expected, operator);
    if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
      let base = readableOperator[operator];
      const lines = inspectValue(actual).split('\n');
      if (operator === 'notStrictEqual' && isObjectLike(actual)) base = readableOperator.notStrictEqualObject;
      if (lines.length > 50) {
        lines[46] = '...';
        lines.length = 47;
      }
      if (lines.length === 1) return `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
      return `${base}\n\n${lines.join('\n')}\n`;
    }
    let res = inspectValue(actual);
    let other = inspectValue(expected);
    const known = readableOperator[operator];
    if (operator === 'notDeepEqual' && res === other) {
      res = `${known}\n\n${res}`;
      return res.length > 1024 ? `${res.slice(0, 1021)}...` : res;
    }
    if (res.length > 512) res = `${res.slice(0, 509)}...`;
    if (other.length > 512) other = `${other.slice(0, 509)}...`;
    if (operator === 'deepEqual') {
      res = `${known}\n\n${res}\n\nshould loosely deep-equal\n\n`;
    } else {
      const unequal = readableOperator[`${operator}Unequal`];
      if (unequal) res = `${unequal}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
      else other = ` ${operator} ${other}`;
    }
    return `${res}${other}`;
  }

  class AssertionError extends Error {
    generatedMessage!: boolean;
    code!: string;
    actual: unknown;
    expected: unknown;
    operator!: string;
    constructor(options: { message?: unknown; actual?: unknown; expected?: unknown; operator?: string; details?: unknown }) {
      if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
      const { message, actual, expected, operator = 'fail' } = options;
      let text: string;
      if (message != null) {
        if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
          text = diffMessage(actual, expected, operator, String(message));
        } else {
          text = String(message);
        }
      } else {
        text = buildMessage(actual, expected, operator);
      }
      super(text);
      this.generatedMessage = message == null;
      Object.defineProperty(this, 'name', { value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true });
      this.code = 'ERR_ASSERTION';
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
      // V8 stacks start with `AssertionError [ERR_ASSERTION]: message`, as inspect prints them.
      const frames = stackFrames(this.stack);
      Object.defineProperty(this, 'stack', { value: `AssertionError [ERR_ASSERTION]: ${text}${frames ? `\n${frames}` : ''}`, writable: true, configurable: true, enumerable: false });
      this.name = 'AssertionError';
    }
    override toString() {
      return `${this.name} [${this.code}]: ${this.message}`;
    }
  }

  // The bundler may rename class bindings; inspect prints the name, so pin it.
  Object.defineProperty(AssertionError, 'name', { value: 'AssertionError', configurable: true });

  function innerFail(options: { actual?: unknown; expected?: unknown; message?: unknown; operator: string; stackStartFn?: unknown }): never {
    if (options.message instanceof Error) throw options.message;
    throw new AssertionError(options);
  }

  /** The failing expression as written, e.g. `assert.ok(1 > 2)`, read from the user's source. */
  function sourceOfCall(): string | undefined {
    const position = deps.caller?.();
    const source = deps.readSource?.();
    if (!position || source === undefined) return undefined;
    const lines = source.split('\n');
    const lineText = lines[position.line - 1];
    if (lineText === undefined) return undefined;
    // Walk back from the reported column over the callee (`assert.ok`, `assert`) to its start.
    let start = Math.max(0, Math.min(position.column - 1, lineText.length));
    while (start > 0 && /[\w$.]/.test(lineText[start - 1])) start--;
    const rest = [lineText.slice(start), ...lines.slice(position.line)].join('\n');
    const open = rest.indexOf('(');
    if (open < 0) return undefined;
    let depth = 0;
    let quote = '';
    for (let i = open; i < rest.length; i++) {
      const ch = rest[i];
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = '';
        continue;
      }
      if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) return rest.slice(0, i + 1);
    }
    return undefined;
  }

  function innerOk(argumentCount: number, value: unknown, message: unknown): void {
    if (value) return;
    let generated = false;
    if (argumentCount === 0) {
      generated = true;
      message = 'No value argument passed to `assert.ok()`';
    } else if (message == null) {
      generated = true;
      const code = sourceOfCall();
      message = code !== undefined ? `The expression evaluated to a falsy value:\n\n  ${code.split('\n').join('\n  ')}\n` : undefined;
    }
    if (message instanceof Error) throw message;
    const error = new AssertionError({ actual: value, expected: true, message: message ?? `${deps.inspect(value)} == true`, operator: '==' });
    error.generatedMessage = generated;
    throw error;
  }

  const assert: any = function ok(...args: unknown[]) {
    innerOk(args.length, args[0], args[1]);
  };
  assert.ok = function ok(...args: unknown[]) {
    innerOk(args.length, args[0], args[1]);
  };
  assert.fail = function fail(message?: unknown) {
    if (message instanceof Error) throw message;
    const error = new AssertionError({ message: message ?? 'Failed', operator: 'fail' });
    error.generatedMessage = message === undefined;
    throw error;
  };
  assert.AssertionError = AssertionError;
  assert.equal = function equal(actual: unknown, expected: unknown, message?: unknown) {
    if (!(actual == expected || (actual !== actual && expected !== expected))) innerFail({ actual, expected, message, operator: '==' });
  };
  assert.notEqual = function notEqual(actual: unknown, expected: unknown, message?: unknown) {
    if (actual == expected || (actual !== actual && expected !== expected)) innerFail({ actual, expected, message, operator: '!=' });
  };
  assert.strictEqual = function strictEqual(actual: unknown, expected: unknown, message?: unknown) {
    if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'strictEqual' });
  };
  assert.notStrictEqual = function notStrictEqual(actual: unknown, expected: unknown, message?: unknown) {
    if (Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'notStrictEqual' });
  };
  assert.deepEqual = function deepEqual(actual: unknown, expected: unknown, message?: unknown) {
    if (!isDeepEqual(actual, expected, false)) innerFail({ actual, expected, message, operator: 'deepEqual' });
  };
  assert.notDeepEqual = function notDeepEqual(actual: unknown, expected: unknown, message?: unknown) {
    if (isDeepEqual(actual, expected, false)) innerFail({ actual, expected, message, operator: 'notDeepEqual' });
  };
  assert.deepStrictEqual = function deepStrictEqual(actual: unknown, expected: unknown, message?: unknown) {
    if (!isDeepEqual(actual, expected, true)) innerFail({ actual, expected, message, operator: 'deepStrictEqual' });
  };
  assert.notDeepStrictEqual = function notDeepStrictEqual(actual: unknown, expected: unknown, message?: unknown) {
    if (isDeepEqual(actual, expected, true)) innerFail({ actual, expected, message, operator: 'notDeepStrictEqual' });
  };
  assert.ifError = function ifError(value: unknown) {
    if (value === null || value === undefined) return;
    let message = 'ifError got unwanted exception: ';
    if (typeof value === 'object' && typeof (value as Error).message === 'string') {
      message += (value as Error).message.length === 0 && (value as Error).constructor ? (value as Error).constructor.name : (value as Error).message;
    } else {
      message += deps.inspect(value);
    }
    throw new AssertionError({ actual: value, expected: null, operator: 'ifError', message });
  };
  assert.match = function match(string: unknown, regexp: RegExp, message?: unknown) {
    if (!(regexp instanceof RegExp)) throw invalidArgType('regexp', 'an instance of RegExp', regexp);
    if (typeof string !== 'string' || !regexp.test(string)) {
      if (message instanceof Error) throw message;
      const generated =
        typeof string !== 'string'
          ? `The "string" argument must be of type string. Received type ${typeof string} (${deps.inspect(string)})`
          : `The input did not match the regular expression ${deps.inspect(regexp)}. Input:\n\n${deps.inspect(string)}\n`;
      const error = new AssertionError({ actual: string, expected: regexp, message: message ?? generated, operator: 'match' });
      error.generatedMessage = message === undefined;
      throw error;
    }
  };
  assert.doesNotMatch = function doesNotMatch(string: unknown, regexp: RegExp, message?: unknown) {
    if (!(regexp instanceof RegExp)) throw invalidArgType('regexp', 'an instance of RegExp', regexp);
    if (typeof string !== 'string' || regexp.test(string)) {
      if (message instanceof Error) throw message;
      const generated =
        typeof string !== 'string'
          ? `The "string" argument must be of type string. Received type ${typeof string} (${deps.inspect(string)})`
          : `The input was expected to not match the regular expression ${deps.inspect(regexp)}. Input:\n\n${deps.inspect(string)}\n`;
      const error = new AssertionError({ actual: string, expected: regexp, message: message ?? generated, operator: 'doesNotMatch' });
      error.generatedMessage = message === undefined;
      throw error;
    }
  };

  const NO_EXCEPTION = Symbol('no exception');

  /** Checks a thrown value against `throws`' second argument; throws the AssertionError on mismatch. */
  function expectedException(actual: any, expected: any, message: unknown, fnName: string): void {
    let generatedMessage = false;
    let throwError = false;
    if (typeof expected !== 'function') {
      if (expected instanceof RegExp) {
        const text = String(actual);
        if (expected.test(text)) return;
        if (!message) {
          generatedMessage = true;
          message = `The input did not match the regular expression ${deps.inspect(expected)}. Input:\n\n${deps.inspect(text)}\n`;
        }
        throwError = true;
      } else if (typeof actual !== 'object' || actual === null) {
        const error = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual' });
        error.operator = fnName;
        throw error;
      } else {
        // An object of expected properties, each compared strictly.
        const keys = Object.keys(expected);
        if (expected instanceof Error) keys.push('name', 'message');
        for (const key of keys) {
          const want = expected[key];
          const got = actual[key];
          if (typeof got === 'string' && want instanceof RegExp && want.test(got)) continue;
          if (!(key in actual) || !isDeepEqual(got, want, true)) {
            if (!message) {
              // Node compares copies that hold only the expected keys, named `Comparison`.
              const Comparison = function Comparison() {} as unknown as new () => Record<string, unknown>;
              Object.defineProperty(Comparison, 'name', { value: 'Comparison', configurable: true });
              const actualCopy = new Comparison();
              const expectedCopy = new Comparison();
              for (const k of keys) {
                if (k in actual) actualCopy[k] = actual[k];
                expectedCopy[k] = expected[k];
              }
              const error = new AssertionError({ actual: actualCopy, expected: expectedCopy, operator: 'deepStrictEqual' });
              error.actual = actual;
              error.expected = expected;
              error.operator = fnName;
              throw error;
            }
            innerFail({ actual, expected, message, operator: fnName });
          }
        }
        return;
      }
    } else if (expected.prototype !== undefined && actual instanceof expected) {
      return;
    } else if (Object.prototype.isPrototypeOf.call(Error, expected) || expected === Error) {
      if (!message) {
        generatedMessage = true;
        message = 'The error is expected to be an instance of ' + `"${expected.name}". Received `;
        if (actual instanceof Error) message += `"${actual.name}"`;
        else message += `"${deps.inspect(actual, { depth: -1 })}"`;
        if (actual && actual.message !== undefined) message += `\n\nError message:\n\n${actual.message}`;
      }
      throwError = true;
    } else {
      const result = expected.call({}, actual);
      if (result !== true) {
        if (!message) {
          generatedMessage = true;
          const name = expected.name ? `"${expected.name}" ` : '';
          message = `The ${name}validation function is expected to return "true". Received ${deps.inspect(result)}`;
          if (actual instanceof Error) message += `\n\nCaught error:\n\n${actual}`;
        }
        throwError = true;
      }
    }
    if (throwError) {
      const error = new AssertionError({ actual, expected, message, operator: fnName });
      error.generatedMessage = generatedMessage;
      throw error;
    }
  }

  function checkMissing(actual: unknown, expected: unknown, message: unknown, fnName: string, kind: 'exception' | 'rejection'): void {
    if (actual !== NO_EXCEPTION) return;
    let details = '';
    if (expected && (expected as { name?: string }).name) details += ` (${(expected as { name?: string }).name})`;
    details += message ? `: ${message}` : '.';
    // Node passes its own text as the message, so generatedMessage is false here.
    throw new AssertionError({ actual: undefined, expected, operator: fnName, message: `Missing expected ${kind}${details}` });
  }

  assert.throws = function throws(fn: () => unknown, expected?: unknown, message?: unknown) {
    if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
    if (typeof expected === 'string') {
      message = expected;
      expected = undefined;
    }
    let actual: unknown = NO_EXCEPTION;
    try {
      fn();
    } catch (error) {
      actual = error;
    }
    checkMissing(actual, expected, message, 'throws', 'exception');
    if (expected !== undefined) expectedException(actual, expected, message, 'throws');
  };
  assert.doesNotThrow = function doesNotThrow(fn: () => unknown, expected?: unknown, message?: unknown) {
    if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
    if (typeof expected === 'string') {
      message = expected;
      expected = undefined;
    }
    try {
      fn();
    } catch (actual: any) {
      if (expected === undefined || (typeof expected === 'function' && actual instanceof (expected as any))) {
        const details = message ? `: ${message}` : '.';
        throw new AssertionError({
          actual,
          expected,
          operator: 'doesNotThrow',
          message: `Got unwanted exception${details}\nActual message: "${actual && actual.message}"`,
        });
      }
      throw actual;
    }
  };
  // Settles with the rejection reason (or NO_EXCEPTION). It uses `then` rather than `await`: the
  // engine tracks which rejections are handled through Promise.prototype.then, and this sandbox
  // code is not instrumented.
  function waitFor(promiseFn: unknown): Promise<unknown> {
    let promise: unknown = promiseFn;
    try {
      if (typeof promiseFn === 'function') promise = promiseFn();
    } catch (error) {
      return Promise.reject(error);
    }
    if (!promise || typeof (promise as { then?: unknown }).then !== 'function') {
      return Promise.reject(invalidArgType('promiseFn', 'of type function or an instance of Promise', promise));
    }
    return Promise.resolve(promise).then(
      () => NO_EXCEPTION,
      (error: unknown) => error,
    );
  }
  assert.rejects = function rejects(promiseFn: unknown, expected?: unknown, message?: unknown) {
    if (typeof expected === 'string') {
      message = expected;
      expected = undefined;
    }
    return waitFor(promiseFn).then((actual) => {
      checkMissing(actual, expected, message, 'rejects', 'rejection');
      if (expected !== undefined) expectedException(actual, expected, message, 'rejects');
    });
  };
  assert.doesNotReject = function doesNotReject(promiseFn: unknown, _expected?: unknown, message?: unknown) {
    return waitFor(promiseFn).then((actual: any) => {
      if (actual !== NO_EXCEPTION) {
        const details = message ? `: ${message}` : '.';
        throw new AssertionError({ actual, operator: 'doesNotReject', message: `Got unwanted rejection${details}\nActual message: "${actual && actual.message}"` });
      }
    });
  };
  assert.strict = strictVariant(assert);
  return assert;
}

/** `require('assert/strict')` and `assert.strict`: the loose functions replaced by the strict ones. */
export function strictVariant(assert: any): any {
  const strict: any = function ok(...args: unknown[]) {
    return assert.ok(...args);
  };
  Object.assign(strict, assert, {
    equal: assert.strictEqual,
    notEqual: assert.notStrictEqual,
    deepEqual: assert.deepStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
  });
  strict.strict = strict;
  strict.AssertionError = assert.AssertionError;
  return strict;
}
