// The `Intl` object QuickJS lacks: NumberFormat, DateTimeFormat, Collator, PluralRules,
// RelativeTimeFormat, ListFormat, Locale, DisplayNames and Segmenter, each answered by the host's V8 and ICU through the same
// request as the locale methods (locale.ts, engine/locale.ts), which keeps one host formatter per
// service, locales and options. A lazily compiled chunk (build/lazy-chunks.mjs): most programs never
// touch Intl, and QuickJS would compile all of this for every fresh context.
//
// An instance keeps the locales and options as they were read when it was made (getters and
// conversions run then, in V8's order), so later calls cross plain data only. Shapes, names,
// lengths, receiver checks and error words are Node 20's (measured with node 20.20.2).

import { defineNativeMethod, localeEnvironment, localeRequest } from './locale';
import { setInternalClassName, v8ReceiverText } from './inspect';

type Service = 'NumberFormat' | 'DateTimeFormat' | 'Collator' | 'PluralRules' | 'RelativeTimeFormat' | 'ListFormat' | 'DisplayNames' | 'Segmenter' | 'Locale';

/** What an instance was made with: plain data, read once when it was constructed. */
interface Slots {
  service: Service;
  locales: unknown;
  options: unknown;
  /** Its texts are in the host's time zone (a DateTimeFormat without a `timeZone` option). */
  zoned: boolean;
  /** The bound `format` / `compare` function, made on first read as V8 makes it. */
  bound?: (...args: unknown[]) => unknown;
  /** A Locale's tag, its maximized and minimized tags and its properties (undefined ones left out), asked once. */
  locale?: Record<string, unknown>;
}

const slots = new WeakMap<object, Slots>();

/** A value in the tagged form engine/locale.ts reads (TaggedValue there). */
type Tagged = [string, (string | Tagged[])?];

function tagged(value: unknown): Tagged {
  switch (typeof value) {
    case 'number':
      return ['n', Object.is(value, -0) ? '-0' : String(value)];
    case 'bigint':
      return ['b', String(value)];
    case 'string':
      return ['s', value];
    case 'boolean':
      return [value ? 't' : 'f'];
    case 'undefined':
      return ['u'];
    default:
      return value === null ? ['z'] : ['o'];
  }
}

/** ToIntlMathematicalValue: bigints and numeric strings keep their exact value; the rest is ToNumber. */
function mathematicalValue(value: unknown): Tagged {
  if (typeof value === 'bigint' || typeof value === 'string') return tagged(value);
  return tagged(Number(value));
}

/** A date operand: ToNumber, or now (the virtual clock, marked varying by Date.now) when undefined. */
function dateValue(value: unknown): Tagged {
  return tagged(value === undefined ? Date.now() : Number(value));
}

/** StringListFromIterable: every element must be a string; the host's V8 words the error otherwise. */
function stringList(value: unknown): Tagged {
  if (value === undefined) return ['l', []];
  const list: Tagged[] = [];
  for (const element of value as Iterable<unknown>) list[list.length] = tagged(element);
  return ['l', list];
}

function slotsOf(receiver: unknown, service: Service, method: string): Slots {
  const found = receiver !== null && (typeof receiver === 'object' || typeof receiver === 'function') ? slots.get(receiver as object) : undefined;
  if (found === undefined || found.service !== service) {
    throw new TypeError(`Method Intl.${service}.prototype.${method} called on incompatible receiver ${v8ReceiverText(receiver)}`);
  }
  return found;
}

function call(state: Slots, method: string, args: Tagged[]): unknown {
  const value = localeRequest({ kind: 'intl', service: state.service, method, args }, state.locales, state.options);
  if (state.zoned) localeEnvironment().markVarying('the time zone');
  return value;
}

/** A new instance: its options are read now, in V8's order, and kept as the plain data they gave. */
function construct(service: Service, target: { prototype: object }, locales: unknown, options: unknown): object {
  // A Locale stands for its tag (V8 reads its internal slot): as the locales of a service, and as
  // the tag of a new Locale, where any other object is converted to a string.
  const localeSlots = locales !== null && typeof locales === 'object' ? slots.get(locales) : undefined;
  if (localeSlots?.service === 'Locale') locales = localeFacts(locales, 'toString').tag;
  else if (service === 'Locale' && locales !== null && (typeof locales === 'object' || typeof locales === 'function')) locales = String(locales);
  const kept: { locales?: unknown; options?: unknown } = {};
  localeRequest({ kind: 'intl', service, method: 'construct' }, locales, options, kept);
  const instance = Object.create(target.prototype) as object;
  const zoned = service === 'DateTimeFormat' && (kept.options === undefined || (kept.options as { timeZone?: unknown }).timeZone === undefined);
  slots.set(instance, { service, locales: kept.locales, options: kept.options, zoned });
  return instance;
}

/** A method of a service's prototype: converts its arguments here, then asks the host. */
type MethodSpec = [name: string, length: number, convert: (args: unknown[]) => Tagged[]];

/** formatRange and formatRangeToParts: an undefined end crosses as it is, for V8's own TypeError. */
const formatRangeMethods = (convert: (value: unknown) => Tagged): MethodSpec[] => {
  const ends = (args: unknown[]) => [args[0] === undefined ? tagged(undefined) : convert(args[0]), args[1] === undefined ? tagged(undefined) : convert(args[1])];
  return [['formatRange', 2, ends], ['formatRangeToParts', 2, ends]];
};

interface ServiceSpec {
  /** Whether calling it without `new` makes an instance (the three ECMA-402 1st edition services). */
  callable: boolean;
  /** The constructor's `length` (0 unless given). */
  length?: number;
  /** Locale has neither `supportedLocalesOf` nor `resolvedOptions`. */
  noLocaleLists?: boolean;
  /** Members of the prototype that are not a plain method over converted operands (Segmenter, Locale). */
  extend?: (prototype: object) => void;
  methods: MethodSpec[];
  /** The getter that returns a bound function (format, compare), with its arity and conversion. */
  boundGetter?: [name: string, length: number, convert: (args: unknown[]) => Tagged[]];
}

const SERVICES: Record<Service, ServiceSpec> = {
  NumberFormat: {
    callable: true,
    methods: [['formatToParts', 1, (args) => [mathematicalValue(args[0])]], ...formatRangeMethods(mathematicalValue)],
    boundGetter: ['format', 1, (args) => [mathematicalValue(args[0])]],
  },
  DateTimeFormat: {
    callable: true,
    methods: [['formatToParts', 1, (args) => [dateValue(args[0])]], ...formatRangeMethods((value) => tagged(Number(value)))],
    boundGetter: ['format', 1, (args) => [dateValue(args[0])]],
  },
  Collator: {
    callable: true,
    methods: [],
    boundGetter: ['compare', 2, (args) => [tagged(String(args[0])), tagged(String(args[1]))]],
  },
  PluralRules: {
    callable: false,
    methods: [['select', 1, (args) => [tagged(Number(args[0]))]], ['selectRange', 2, (args) => [tagged(Number(args[0])), tagged(Number(args[1]))]]],
  },
  RelativeTimeFormat: {
    callable: false,
    methods: [['format', 2, (args) => [tagged(Number(args[0])), tagged(String(args[1]))]], ['formatToParts', 2, (args) => [tagged(Number(args[0])), tagged(String(args[1]))]]],
  },
  ListFormat: {
    callable: false,
    methods: [['format', 1, (args) => [stringList(args[0])]], ['formatToParts', 1, (args) => [stringList(args[0])]]],
  },
  DisplayNames: {
    callable: false,
    length: 2,
    methods: [['of', 1, (args) => [tagged(String(args[0]))]]],
  },
  Segmenter: {
    callable: false,
    methods: [],
    extend: (prototype) => {
      defineNativeMethod(prototype, 'segment', 1, function (this: unknown, input?: unknown) {
        'use strict';
        const state = slotsOf(this, 'Segmenter', 'segment');
        const text = String(input);
        return makeSegments(call(state, 'segment', [tagged(text)]) as SegmentRecord[]);
      });
    },
  },
  Locale: {
    callable: false,
    length: 1,
    noLocaleLists: true,
    methods: [],
    extend: (prototype) => {
      defineNativeMethod(prototype, 'toString', 0, function (this: unknown) {
        'use strict';
        return localeFacts(this, 'toString').tag;
      });
      for (const name of ['maximize', 'minimize']) {
        defineNativeMethod(prototype, name, 0, function (this: unknown) {
          'use strict';
          const tag = localeFacts(this, name)[name === 'maximize' ? 'maximized' : 'minimized'];
          return construct('Locale', (globalThis as unknown as { Intl: { Locale: { prototype: object } } }).Intl.Locale, tag, undefined);
        });
      }
      if (!localeEnvironment().browser) {
        for (const name of LOCALE_GETTERS) defineNativeGetter(prototype, name, (receiver) => freshCopy(localeFacts(receiver, `get ${name}`, true)[name]));
        return;
      }
      // Chromium's newer V8: two more getters, and methods in place of the list getters (measured).
      for (const name of CHROMIUM_LOCALE_GETTERS) {
        defineNativeGetter(prototype, name, (receiver) => {
          const facts = localeFacts(receiver, `get ${name}`, true);
          if (name === 'variants') return localeVariants(String(facts.baseName));
          if (name === 'firstDayOfWeek') return /-u(?:-[a-z\d]{3,8})*?-fw-([a-z]{3})\b/.exec(String(facts.tag))?.[1];
          return facts[name];
        });
      }
      for (const name of ['calendars', 'collations', 'hourCycles', 'numberingSystems', 'timeZones', 'textInfo', 'weekInfo']) {
        const method = `get${name[0].toUpperCase()}${name.slice(1)}`;
        defineNativeMethod(prototype, method, 0, function (this: unknown) {
          'use strict';
          const value = freshCopy(localeFacts(this, method)[name]);
          // Chromium's week information has no minimalDays (measured).
          if (name === 'weekInfo' && value !== null && typeof value === 'object') delete (value as { minimalDays?: unknown }).minimalDays;
          return value;
        });
      }
    },
  },
};

/** Intl.Locale.prototype's getters, in Node 20's order (measured). */
const LOCALE_GETTERS = ['language', 'script', 'region', 'baseName', 'calendar', 'caseFirst', 'collation', 'hourCycle', 'numeric', 'numberingSystem', 'calendars', 'collations', 'hourCycles', 'numberingSystems', 'textInfo', 'timeZones', 'weekInfo'];

/** A new copy of a list or record fact: V8 makes a new one for every read. */
function freshCopy(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value;
}

/** Chromium's Intl.Locale.prototype getters, in its order (measured). */
const CHROMIUM_LOCALE_GETTERS = ['language', 'script', 'region', 'variants', 'baseName', 'calendar', 'caseFirst', 'collation', 'firstDayOfWeek', 'hourCycle', 'numeric', 'numberingSystem'];

/** The variant subtags of a base name (`ca-ES-valencia`: `valencia`), hyphen-joined, or undefined. */
function localeVariants(baseName: string): string | undefined {
  const variants = baseName.split('-').slice(1).filter((subtag) => /^(?:[a-z\d]{5,8}|\d[a-z\d]{3})$/i.test(subtag));
  return variants.length === 0 ? undefined : variants.join('-');
}

/** A Locale's facts, asked of the host once (engine/locale.ts describeLocale). */
function localeFacts(receiver: unknown, method: string, getter = false): Record<string, unknown> {
  const state = receiver !== null && typeof receiver === 'object' ? slots.get(receiver) : undefined;
  if (state === undefined || state.service !== 'Locale') {
    throw new TypeError(getter ? `Method ${method.replace(/^get /, 'Intl.Locale.prototype.')} called on incompatible receiver ${v8ReceiverText(receiver)}` : `Method Intl.Locale.prototype.${method} called on incompatible receiver ${v8ReceiverText(receiver)}`);
  }
  state.locale ??= call(state, 'describe', []) as Record<string, unknown>;
  return state.locale;
}

function defineNativeGetter(holder: object, name: string, read: (receiver: unknown) => unknown): void {
  const { markNative } = localeEnvironment();
  const getter = {
    get(this: unknown) {
      'use strict';
      return read(this);
    },
  }.get;
  Object.defineProperty(getter, 'name', { value: `get ${name}`, configurable: true });
  markNative(getter, `get ${name}`);
  Object.defineProperty(holder, name, { get: getter, enumerable: false, configurable: true });
}

/** One segment as the host's Intl.Segmenter gave it. */
interface SegmentRecord {
  segment: string;
  index: number;
  input: string;
  isWordLike?: boolean;
}

/** V8's segment data object: a fresh object each time, its keys in V8's order. */
function segmentData(record: SegmentRecord): object {
  const data: Record<string, unknown> = { segment: record.segment, index: record.index, input: record.input };
  if (record.isWordLike !== undefined) data.isWordLike = record.isWordLike;
  return data;
}

let segmentsPrototype: object | undefined;
const segmentRecords = new WeakMap<object, SegmentRecord[]>();

/**
 * A Segments object over the host's segments: iterable (each iteration starts from the first
 * segment), and `containing(index)` finds the segment that holds a code unit. Its prototype has
 * only `containing` and the iterator method; the iterator's, `next` and its tag (as in Node 20).
 */
function makeSegments(records: SegmentRecord[]): object {
  if (segmentsPrototype === undefined) {
    const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object;
    const iteratorProto: object = Object.create(iteratorPrototype);
    const positions = new WeakMap<object, { records: SegmentRecord[]; next: number }>();
    defineNativeMethod(iteratorProto, 'next', 0, function (this: unknown) {
      'use strict';
      const position = this !== null && typeof this === 'object' ? positions.get(this) : undefined;
      if (position === undefined) throw new TypeError(`Method %SegmentIterator.prototype%.next called on incompatible receiver ${v8ReceiverText(this)}`);
      const record = position.records[position.next];
      if (record === undefined) return { value: undefined, done: true };
      position.next++;
      return { value: segmentData(record), done: false };
    });
    Object.defineProperty(iteratorProto, Symbol.toStringTag, { value: 'Segmenter String Iterator', writable: false, enumerable: false, configurable: true });
    const proto: object = {};
    defineNativeMethod(proto, 'containing', 1, function (this: unknown, index?: unknown) {
      'use strict';
      const list = this !== null && typeof this === 'object' ? segmentRecords.get(this) : undefined;
      if (list === undefined) throw new TypeError(`Method %Segments.prototype%.containing called on incompatible receiver ${v8ReceiverText(this)}`);
      const number = Math.trunc(Number(index)) || 0;
      const found = list.find((record) => record.index <= number && number < record.index + record.segment.length);
      return found === undefined ? undefined : segmentData(found);
    });
    const iterate = {
      [Symbol.iterator](this: unknown) {
        'use strict';
        const list = this !== null && typeof this === 'object' ? segmentRecords.get(this) : undefined;
        if (list === undefined) throw new TypeError(`Method %Segments.prototype%[@@iterator] called on incompatible receiver ${v8ReceiverText(this)}`);
        const iterator: object = Object.create(iteratorProto);
        positions.set(iterator, { records: list, next: 0 });
        return iterator;
      },
    }[Symbol.iterator];
    Object.defineProperty(iterate, 'name', { value: '[Symbol.iterator]', configurable: true });
    localeEnvironment().markNative(iterate, '[Symbol.iterator]');
    Object.defineProperty(proto, Symbol.iterator, { value: iterate, writable: true, enumerable: false, configurable: true });
    setInternalClassName(proto, 'Segments');
    segmentsPrototype = proto;
  }
  const segments: object = Object.create(segmentsPrototype);
  segmentRecords.set(segments, records);
  return segments;
}

/** The message V8 gives when `get format` / `get compare` meets something that is not its instance (measured). */
function boundGetterReceiverError(service: Service, name: string, receiver: unknown): TypeError {
  const isObject = receiver !== null && (typeof receiver === 'object' || typeof receiver === 'function');
  // NumberFormat and DateTimeFormat first try the legacy "unwrap" of ECMA-402's normative optional
  // chapter on objects, and V8 names that step instead (it shows `undefined` for NumberFormat).
  if (isObject && service !== 'Collator') {
    return new TypeError(`Method Unwrap${service} called on incompatible receiver ${service === 'NumberFormat' ? 'undefined' : v8ReceiverText(receiver)}`);
  }
  return new TypeError(`Method get Intl.${service}.prototype.${name} called on incompatible receiver ${v8ReceiverText(receiver)}`);
}

function makeService(service: Service, spec: ServiceSpec): object {
  const { markNative } = localeEnvironment();
  const constructor = function (this: unknown, locales?: unknown, options?: unknown): object {
    if (new.target === undefined && !spec.callable) throw new TypeError(`Constructor Intl.${service} requires 'new'`);
    return construct(service, (new.target ?? constructor) as { prototype: object }, locales, options);
  };
  Object.defineProperty(constructor, 'name', { value: service, configurable: true });
  Object.defineProperty(constructor, 'length', { value: spec.length ?? 0, configurable: true });
  markNative(constructor, service);
  const prototype = constructor.prototype as object;
  Object.defineProperty(constructor, 'prototype', { writable: false, enumerable: false, configurable: false });
  if (!spec.noLocaleLists) {
    defineNativeMethod(constructor, 'supportedLocalesOf', 1, function (locales?: unknown, options?: unknown) {
      return localeRequest({ kind: 'intl', service, method: 'supportedLocalesOf' }, locales, options);
    });
    // Strict functions (the chunk is compiled as sloppy CommonJS): a primitive receiver must reach
    // the receiver check unboxed, as V8's message shows it (`receiver 1`, not `[object Number]`).
    defineNativeMethod(prototype, 'resolvedOptions', 0, function (this: unknown) {
      'use strict';
      return call(slotsOf(this, service, 'resolvedOptions'), 'resolvedOptions', []);
    });
  }
  spec.extend?.(prototype);
  for (const [name, length, convert] of spec.methods) {
    defineNativeMethod(prototype, name, length, function (this: unknown) {
      'use strict';
      const state = slotsOf(this, service, name);
      // A simple parameter list (a strict directive allows no rest parameter): the operands by index.
      // eslint-disable-next-line prefer-rest-params
      const operands = arguments;
      return call(state, name, convert([operands[0], operands[1]]));
    });
  }
  if (spec.boundGetter !== undefined) {
    const [name, length, convert] = spec.boundGetter;
    const getter = {
      get(this: unknown) {
        'use strict';
        const state = this !== null && (typeof this === 'object' || typeof this === 'function') ? slots.get(this as object) : undefined;
        if (state === undefined || state.service !== service) throw boundGetterReceiverError(service, name, this);
        if (state.bound === undefined) {
          // V8's bound function: anonymous, with the method's arity.
          const bound = (...args: unknown[]) => call(state, name, convert(args));
          Object.defineProperty(bound, 'name', { value: '', configurable: true });
          Object.defineProperty(bound, 'length', { value: length, configurable: true });
          markNative(bound, '');
          state.bound = bound;
        }
        return state.bound;
      },
    }.get;
    Object.defineProperty(getter, 'name', { value: `get ${name}`, configurable: true });
    markNative(getter, `get ${name}`);
    Object.defineProperty(prototype, name, { get: getter, enumerable: false, configurable: true });
  }
  Object.defineProperty(prototype, Symbol.toStringTag, { value: `Intl.${service}`, writable: false, enumerable: false, configurable: true });
  return constructor;
}

/** Node 20's `Intl` (its own property names in Node's order, measured). */
export function createIntl(): object {
  const intl = {};
  defineNativeMethod(intl, 'getCanonicalLocales', 1, function (locales?: unknown) {
    return localeRequest({ kind: 'intl', service: 'Intl', method: 'getCanonicalLocales' }, locales, undefined);
  });
  defineNativeMethod(intl, 'supportedValuesOf', 1, function (key?: unknown) {
    return localeRequest({ kind: 'intl', service: 'Intl', method: 'supportedValuesOf', args: [tagged(String(key))] }, undefined, undefined);
  });
  // Node 10 (node-legacy) has the first four services and getCanonicalLocales only (measured).
  const legacy = localeEnvironment().englishOnly === true;
  const order: Service[] = legacy ? ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules'] : ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'Locale', 'DisplayNames', 'Segmenter'];
  for (const service of order) {
    Object.defineProperty(intl, service, { value: makeService(service, SERVICES[service]), writable: true, enumerable: false, configurable: true });
  }
  if (legacy) {
    delete (intl as { supportedValuesOf?: unknown }).supportedValuesOf;
    // Listed last there.
    const getCanonicalLocales = Object.getOwnPropertyDescriptor(intl, 'getCanonicalLocales')!;
    delete (intl as { getCanonicalLocales?: unknown }).getCanonicalLocales;
    Object.defineProperty(intl, 'getCanonicalLocales', getCanonicalLocales);
  }
  Object.defineProperty(intl, Symbol.toStringTag, { value: 'Intl', writable: false, enumerable: false, configurable: true });
  return intl;
}
