// QuickJS (2025) ships language built-ins that Node 20's V8 does not have; a program that feature-
// checks (`if (Promise.withResolvers)`, `typeof Iterator`) must take the branch it takes on the
// real runtime. The lists were measured by comparing Object.getOwnPropertyNames of the standard
// objects in Node 20.20.2 and in this QuickJS build; QuickJS-only extensions are removed for every
// model. The browser model keeps what current Chromium ships (Iterator helpers, Set methods,
// Promise.try, RegExp.escape, Float16Array, Error.isError).

import type { SandboxModel } from './host';

type Removal = [path: string, property: string];

/** Not in any V8 the models target: QuickJS's own extensions and proposals not shipped anywhere yet. */
const QUICKJS_ONLY: Removal[] = [
  ['globalThis', 'InternalError'],
  ['Function.prototype', 'fileName'],
  ['Function.prototype', 'lineNumber'],
  ['Function.prototype', 'columnNumber'],
  ['Math', 'sumPrecise'],
  ['Map.prototype', 'getOrInsert'],
  ['Map.prototype', 'getOrInsertComputed'],
  ['WeakMap.prototype', 'getOrInsert'],
  ['WeakMap.prototype', 'getOrInsertComputed'],
  ['Set', 'groupBy'],
];

/** Newer than Node 20 (V8 11.3). */
const NEWER_THAN_NODE_20: Removal[] = [
  ['globalThis', 'Iterator'],
  ['globalThis', 'Float16Array'],
  ['Object', 'groupBy'],
  ['Map', 'groupBy'],
  ['Promise', 'try'],
  ['Promise', 'withResolvers'],
  ['Math', 'f16round'],
  ['Error', 'isError'],
  ['RegExp', 'escape'],
  ['ArrayBuffer.prototype', 'detached'],
  ['ArrayBuffer.prototype', 'transfer'],
  ['ArrayBuffer.prototype', 'transferToFixedLength'],
  ['Array', 'fromAsync'],
  ['Set.prototype', 'union'],
  ['Set.prototype', 'intersection'],
  ['Set.prototype', 'difference'],
  ['Set.prototype', 'symmetricDifference'],
  ['Set.prototype', 'isSubsetOf'],
  ['Set.prototype', 'isSupersetOf'],
  ['Set.prototype', 'isDisjointFrom'],
];

/** Iterator helpers live on %IteratorPrototype%, reachable from any array iterator. */
const ITERATOR_HELPERS = ['map', 'filter', 'take', 'drop', 'flatMap', 'reduce', 'toArray', 'forEach', 'some', 'every', 'find'];

function resolve(path: string): any {
  let value: any = globalThis;
  if (path === 'globalThis') return value;
  for (const part of path.split('.')) {
    if (value === undefined || value === null) return undefined;
    value = value[part];
  }
  return value;
}

export function hideNewerBuiltins(model: SandboxModel): void {
  const removals = model === 'browser' ? QUICKJS_ONLY : [...QUICKJS_ONLY, ...NEWER_THAN_NODE_20];
  for (const [path, property] of removals) {
    const target = resolve(path);
    if (target && Object.prototype.hasOwnProperty.call(target, property)) {
      try {
        delete target[property];
      } catch {}
    }
  }
  if (model !== 'browser') {
    const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    for (const name of ITERATOR_HELPERS) {
      if (Object.prototype.hasOwnProperty.call(iteratorPrototype, name)) {
        try {
          delete iteratorPrototype[name];
        } catch {}
      }
    }
  }
}
