// Node's `util` module. `inspect` and `format` are the inspect helper's (exact Node text); the rest
// is small and written against Node 20's documented behaviour, measured in the differential corpus.
import { isDeepEqual } from './deep-equal';
import { invalidArgType, nodeError, validateFunction } from './errors';

export interface UtilDeps {
  inspect: any;
  format: (...args: unknown[]) => string;
  formatWithOptions?: (options: object, ...args: unknown[]) => string;
  nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => void;
  emitWarning: (warning: unknown, type?: string, code?: string) => void;
  Buffer: any;
  TextEncoder: unknown;
  TextDecoder: unknown;
}

export const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
export const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
const kCustomPromisifyArgs = Symbol('customPromisifyArgs');

export function promisify(original: any): any {
  validateFunction(original, 'original');
  if (original[promisifyCustom]) {
    const fn = original[promisifyCustom];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, promisifyCustom, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  const argumentNames: string[] | undefined = original[kCustomPromisifyArgs];
  function fn(this: unknown, ...args: unknown[]) {
    return new Promise((resolve, reject) => {
      args.push((err: unknown, ...values: unknown[]) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const result: Record<string, unknown> = {};
          argumentNames.forEach((name, index) => (result[name] = values[index]));
          resolve(result);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, promisifyCustom, { value: fn, enumerable: false, writable: false, configurable: true });
  const descriptors = Object.getOwnPropertyDescriptors(original);
  for (const key of Object.keys(descriptors)) Object.defineProperty(fn, key, descriptors[key]);
  return fn;
}
promisify.custom = promisifyCustom;

/** Marks a callback API whose callback receives several values (`fs.read`), as Node does. */
export function setPromisifyArgs(fn: object, names: string[]): void {
  Object.defineProperty(fn, kCustomPromisifyArgs, { value: names, enumerable: false });
}

const tag = (value: unknown) => Object.prototype.toString.call(value).slice(8, -1);

const types = {
  isPromise: (v: unknown) => v instanceof Promise,
  isDate: (v: unknown) => v instanceof Date,
  isRegExp: (v: unknown) => v instanceof RegExp,
  isMap: (v: unknown) => v instanceof Map,
  isSet: (v: unknown) => v instanceof Set,
  isWeakMap: (v: unknown) => v instanceof WeakMap,
  isWeakSet: (v: unknown) => v instanceof WeakSet,
  isNativeError: (v: unknown) => v instanceof Error,
  isTypedArray: (v: unknown) => ArrayBuffer.isView(v) && !(v instanceof DataView),
  isUint8Array: (v: unknown) => v instanceof Uint8Array,
  isArrayBuffer: (v: unknown) => v instanceof ArrayBuffer,
  isSharedArrayBuffer: (v: unknown) => typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer,
  isAnyArrayBuffer: (v: unknown) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer),
  isArrayBufferView: (v: unknown) => ArrayBuffer.isView(v),
  isDataView: (v: unknown) => v instanceof DataView,
  isAsyncFunction: (v: unknown) => typeof v === 'function' && (tag(v) === 'AsyncFunction' || tag(v) === 'AsyncGeneratorFunction'),
  isGeneratorFunction: (v: unknown) => typeof v === 'function' && (tag(v) === 'GeneratorFunction' || tag(v) === 'AsyncGeneratorFunction'),
  isGeneratorObject: (v: unknown) => tag(v) === 'Generator',
  isMapIterator: (v: unknown) => tag(v) === 'Map Iterator',
  isSetIterator: (v: unknown) => tag(v) === 'Set Iterator',
  isBoxedPrimitive: (v: unknown) => v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof Symbol || v instanceof BigInt,
  isNumberObject: (v: unknown) => v instanceof Number,
  isStringObject: (v: unknown) => v instanceof String,
  isBooleanObject: (v: unknown) => v instanceof Boolean,
  isSymbolObject: (v: unknown) => v instanceof Symbol,
  isBigIntObject: (v: unknown) => v instanceof BigInt,
  isArgumentsObject: (v: unknown) => tag(v) === 'Arguments',
  isWeakRef: (v: unknown) => typeof WeakRef !== 'undefined' && v instanceof WeakRef,
  // A proxy cannot be told apart from its target from inside the engine; Node can. False is the
  // answer for every non-proxy, which is what programs almost always test.
  isProxy: (_v: unknown) => false,
  isExternal: (_v: unknown) => false,
  isModuleNamespaceObject: (v: unknown) => tag(v) === 'Module',
};

export function createUtil(deps: UtilDeps): Record<string, unknown> {
  const warnedCodes = new Set<string>();
  function deprecate(fn: any, message: string, code?: string): any {
    validateFunction(fn, 'fn');
    let warned = false;
    function deprecated(this: unknown, ...args: unknown[]) {
      if (!warned) {
        warned = true;
        if (code !== undefined) {
          if (!warnedCodes.has(code)) {
            warnedCodes.add(code);
            deps.emitWarning(message, 'DeprecationWarning', code);
          }
        } else {
          deps.emitWarning(message, 'DeprecationWarning');
        }
      }
      if (new.target) return Reflect.construct(fn, args, new.target);
      return Reflect.apply(fn, this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    return deprecated;
  }

  function callbackify(original: any): any {
    validateFunction(original, 'original');
    function callbackified(this: unknown, ...args: unknown[]) {
      const callback = args.pop();
      validateFunction(callback, 'last argument');
      const cb = (callback as (...a: unknown[]) => void).bind(this);
      (Reflect.apply(original, this, args) as Promise<unknown>).then(
        (value: unknown) => deps.nextTick(cb, null, value),
        (reason: unknown) => {
          if (!reason) {
            const error = nodeError<Error & { reason?: unknown }>(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
            error.reason = reason;
            reason = error;
          }
          deps.nextTick(cb, reason);
        },
      );
    }
    const descriptors = Object.getOwnPropertyDescriptors(original);
    if (typeof descriptors.length?.value === 'number') descriptors.length.value++;
    if (typeof descriptors.name?.value === 'string') descriptors.name.value += 'Callbackified';
    Object.defineProperties(callbackified, descriptors);
    return callbackified;
  }

  function inherits(ctor: any, superCtor: any): void {
    if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'of type function', ctor);
    if (superCtor === undefined || superCtor === null) throw invalidArgType('superCtor', 'of type function', superCtor);
    if (superCtor.prototype === undefined) throw invalidArgType('superCtor.prototype', 'of type object', superCtor.prototype);
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  const formatWithOptions = deps.formatWithOptions ?? ((_options: object, ...args: unknown[]) => deps.format(...args));
  const util: Record<string, unknown> = {
    format: deps.format,
    formatWithOptions,
    inspect: deps.inspect,
    promisify,
    callbackify,
    deprecate,
    inherits,
    isDeepStrictEqual: (a: unknown, b: unknown) => isDeepEqual(a, b, true),
    types,
    TextEncoder: deps.TextEncoder,
    TextDecoder: deps.TextDecoder,
    debuglog: () => Object.assign(() => {}, { enabled: false }),
    debug: () => Object.assign(() => {}, { enabled: false }),
    stripVTControlCharacters: (text: string) => String(text).replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g'), ''),
    toUSVString: (text: string) => String(text).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
    isArray: Array.isArray,
    isBoolean: (v: unknown) => typeof v === 'boolean',
    isBuffer: (v: unknown) => deps.Buffer.isBuffer(v),
    isNull: (v: unknown) => v === null,
    isNullOrUndefined: (v: unknown) => v === null || v === undefined,
    isNumber: (v: unknown) => typeof v === 'number',
    isString: (v: unknown) => typeof v === 'string',
    isSymbol: (v: unknown) => typeof v === 'symbol',
    isUndefined: (v: unknown) => v === undefined,
    isRegExp: types.isRegExp,
    isObject: (v: unknown) => v !== null && typeof v === 'object',
    isDate: types.isDate,
    isError: (v: unknown) => v instanceof Error,
    isFunction: (v: unknown) => typeof v === 'function',
    isPrimitive: (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
  };
  if (deps.inspect && deps.inspect.custom === undefined) {
    try {
      deps.inspect.custom = inspectCustom;
    } catch {}
  }
  return util;
}
