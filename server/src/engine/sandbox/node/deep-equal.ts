// The comparison behind `util.isDeepStrictEqual`, `assert.deepStrictEqual` and `assert.deepEqual`,
// following the rules Node documents: strict mode compares with Object.is, checks prototypes and
// type tags; loose mode uses == for primitives and ignores prototypes. Maps and Sets compare
// without regard to order; cycles are followed once.

const objectToString = (value: unknown) => Object.prototype.toString.call(value);

function ownEnumerableKeys(value: object, strict: boolean): (string | symbol)[] {
  const keys: (string | symbol)[] = Object.keys(value);
  if (strict) {
    for (const symbol of Object.getOwnPropertySymbols(value)) {
      if (Object.prototype.propertyIsEnumerable.call(value, symbol)) keys.push(symbol);
    }
  }
  return keys;
}

export function isDeepEqual(actual: unknown, expected: unknown, strict: boolean): boolean {
  return compare(actual, expected, strict, new Map());
}

function comparePrimitives(a: unknown, b: unknown, strict: boolean): boolean {
  if (strict) return Object.is(a, b);
  // Loose mode: == but NaN equals NaN, as Node's deepEqual says.
  return a == b || (a !== a && b !== b);
}

function compare(a: unknown, b: unknown, strict: boolean, seen: Map<object, object>): boolean {
  if (a === b) return a !== 0 || !strict || Object.is(a, b);
  const aIsObject = typeof a === 'object' ? a !== null : typeof a === 'function';
  const bIsObject = typeof b === 'object' ? b !== null : typeof b === 'function';
  if (!aIsObject || !bIsObject) {
    if (strict || aIsObject || bIsObject) return strict ? Object.is(a, b) : !aIsObject && !bIsObject && comparePrimitives(a, b, false);
    return comparePrimitives(a, b, false);
  }
  const objA = a as object;
  const objB = b as object;
  if (typeof a === 'function' || typeof b === 'function') return false;
  if (strict && Object.getPrototypeOf(objA) !== Object.getPrototypeOf(objB)) return false;
  const tag = objectToString(objA);
  if (tag !== objectToString(objB)) return false;
  if (Array.isArray(objA) !== Array.isArray(objB)) return false;
  if (seen.get(objA) === objB) return true;
  seen.set(objA, objB);
  try {
    if (objA instanceof Date) {
      if (!(objB instanceof Date) || objA.getTime() !== objB.getTime()) return false;
    } else if (objA instanceof RegExp) {
      if (!(objB instanceof RegExp) || objA.source !== objB.source || objA.flags !== objB.flags || objA.lastIndex !== objB.lastIndex) return false;
    } else if (objA instanceof Error) {
      if (!(objB instanceof Error) || objA.message !== objB.message || objA.name !== objB.name) return false;
    } else if (ArrayBuffer.isView(objA)) {
      if (!ArrayBuffer.isView(objB) || objA.byteLength !== objB.byteLength) return false;
      const bytesA = new Uint8Array(objA.buffer, objA.byteOffset, objA.byteLength);
      const bytesB = new Uint8Array(objB.buffer, objB.byteOffset, objB.byteLength);
      for (let i = 0; i < bytesA.length; i++) if (bytesA[i] !== bytesB[i]) return false;
    } else if (objA instanceof Number || objA instanceof String || objA instanceof Boolean) {
      if (!Object.is(objA.valueOf(), (objB as any).valueOf())) return false;
    } else if (objA instanceof Map) {
      if (!(objB instanceof Map) || objA.size !== objB.size) return false;
      if (!compareMaps(objA, objB, strict, seen)) return false;
    } else if (objA instanceof Set) {
      if (!(objB instanceof Set) || objA.size !== objB.size) return false;
      if (!compareSets(objA, objB, strict, seen)) return false;
    } else if (objA instanceof WeakMap || objA instanceof WeakSet || objA instanceof Promise) {
      return false;
    }
    if (Array.isArray(objA)) {
      const arrB = objB as unknown[];
      if (objA.length !== arrB.length) return false;
    }
    const keysA = ownEnumerableKeys(objA, strict);
    const keysB = ownEnumerableKeys(objB, strict);
    if (keysA.length !== keysB.length) return false;
    for (const key of keysA) {
      if (!Object.prototype.propertyIsEnumerable.call(objB, key)) return false;
    }
    for (const key of keysA) {
      if (!compare((objA as any)[key], (objB as any)[key], strict, seen)) return false;
    }
    return true;
  } finally {
    seen.delete(objA);
  }
}

function compareSets(a: Set<unknown>, b: Set<unknown>, strict: boolean, seen: Map<object, object>): boolean {
  const remaining = [...b];
  for (const value of a) {
    if (b.has(value) && (typeof value !== 'object' || value === null)) {
      const index = remaining.indexOf(value);
      if (index >= 0) remaining.splice(index, 1);
      continue;
    }
    const index = remaining.findIndex((candidate) => compare(value, candidate, strict, seen));
    if (index < 0) return false;
    remaining.splice(index, 1);
  }
  return true;
}

function compareMaps(a: Map<unknown, unknown>, b: Map<unknown, unknown>, strict: boolean, seen: Map<object, object>): boolean {
  const remaining = [...b];
  for (const [key, value] of a) {
    const index = remaining.findIndex(
      ([candidateKey, candidateValue]) => compare(key, candidateKey, strict, seen) && compare(value, candidateValue, strict, seen),
    );
    if (index < 0) return false;
    remaining.splice(index, 1);
  }
  return true;
}
