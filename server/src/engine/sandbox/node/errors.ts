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
  // V8 stacks start with the header line; QuickJS stacks hold only the frames. Prefixing the
  // header keeps the printed form of the error identical to Node's.
  const frames = typeof error.stack === 'string' ? error.stack : '';
  const stack = frames.startsWith(error.name) ? frames.replace(/^[^\n]*/, header) : `${header}\n${frames}`.replace(/\n$/, '');
  Object.defineProperty(error, 'stack', { value: stack, writable: true, configurable: true, enumerable: false });
  return error as T;
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
