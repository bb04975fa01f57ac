// Node's internal errors carry a `code` and print as `TypeError [ERR_X]: message`. The helpers
// here build such errors with the same message texts Node 20 uses, so that programs that print
// `err.code` or `String(err)` see what they would see in Node.

type ErrorConstructorLike = new (message?: string) => Error;

export function nodeError<T extends Error>(Base: ErrorConstructorLike, code: string, message: string): T {
  const error = new Base(message) as T & { code: string };
  // `code` is an own enumerable property in Node, so inspect shows `{ code: 'ERR_X' }`.
  error.code = code;
  const header = `${error.name} [${code}]: ${message}`;
  Object.defineProperty(error, 'toString', {
    value: function toString(this: Error) {
      return `${this.name} [${code}]: ${this.message}`;
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
  // Node's stack header carries the code; the frames are whatever the engine gave the error.
  const frames = stackFrames(error.stack);
  Object.defineProperty(error, 'stack', { value: frames ? `${header}\n${frames}` : header, writable: true, configurable: true, enumerable: false });
  return error as T;
}

/**
 * The frame lines (`    at f (file:1:2)`) of a stack, without the header: the header may
 * span several lines when the message does, so everything before the first frame goes.
 */
export function stackFrames(stack: unknown): string {
  if (typeof stack !== 'string') return '';
  const lines = stack.split('\n');
  const first = lines.findIndex((line) => /^\s+at /.test(line));
  return first < 0 ? '' : lines.slice(first).join('\n').replace(/\n+$/, '');
}

/** A short description of a received value, as Node's ERR_INVALID_ARG_TYPE prints it. */
export function describeReceived(value: unknown): string {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${(value as { name?: string }).name || '<anonymous>'}`;
  if (typeof value === 'object') {
    const ctorName = (value as { constructor?: { name?: string } }).constructor?.name;
    return ctorName ? ` Received an instance of ${ctorName}` : ' Received [Object: null prototype]';
  }
  let shown = String(value);
  if (typeof value === 'string') {
    if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
    shown = `'${shown}'`;
  }
  if (typeof value === 'bigint') shown += 'n';
  return ` Received type ${typeof value} (${shown})`;
}

export function invalidArgType(name: string, expected: string, actual: unknown): TypeError {
  const what = name.includes('.') ? 'property' : 'argument';
  return nodeError<TypeError>(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${what} must be ${expected}.${describeReceived(actual)}`);
}

export function validateFunction(value: unknown, name: string): void {
  if (typeof value !== 'function') throw invalidArgType(name, 'of type function', value);
}
