// Reusing a prepared QuickJS context without compiling the sandbox bundle again.
//
// Compiling the sandbox is nearly all the cost of a fresh context (QuickJS compiles a whole script
// up front; about 100 ms of CPU per context on the development machine), and quickjs-emscripten
// 0.32 offers no way to keep compiled bytecode: its binary-JSON encoder does not write functions,
// and a function compiled in one context runs in that context's realm. What it does offer is a
// wasm module instance per QuickJSWASMModule, whose whole state (every runtime, context, object
// and allocator structure) lives in that instance's linear memory. So the worker gives a prepared
// context an instance of its own, copies the instance's memory right after `prepare`, and after
// each run copies it back: the context is then exactly as it was before the run, for a few
// milliseconds instead of a compile.
//
// The host side of the run (the ModelRun object: its queues, clock, output, handles) must go back
// to the same moment. `captureState` records the object graph reachable from the run's own fields
// (arrays, maps, sets, plain and class objects, by identity, with their contents), and
// `restoreState` puts every field and every content back in place, so closures that captured one
// of those objects keep seeing the same object. QuickJS handles, contexts and other objects with
// a `dispose` method are kept by identity: the memory copy is what restores them.

import { Buffer } from 'node:buffer';

/**
 * A memory copy as it is kept on disk: the non-zero 64 KiB pages only. `pages` are their indexes,
 * `held` their bytes one after another (whole pages; above `length` the last one is zero).
 */
export interface SparseMemory {
  /** Bytes up to the last non-zero byte of the memory. */
  length: number;
  /** Indexes of the pages `held` holds, ascending. */
  pages: number[];
  held: Uint8Array;
}

/**
 * A copy of a wasm instance's linear memory, taken while no call into the instance is running.
 * Kept page by page (64 KiB), without the pages that are all zero: about half of a prepared
 * context's memory is (allocator space freed while the sandbox was evaluated), and a page the copy
 * does not hold is one the process need not keep, nor write into a restored instance.
 */
export class MemorySnapshot {
  /** The memory's pages up to `length`: a view of `held`, or null for a page of zeros. */
  private readonly pages: (Uint8Array | null)[] = [];
  /** Bytes up to the last non-zero byte when the snapshot was taken: above them the memory was zero. */
  private readonly length: number;
  /** The non-zero pages, one after another. */
  private readonly held: Uint8Array;
  /** Indexes of the non-zero pages. */
  private readonly nonZero: number[];

  /** Bytes of linear memory the instance had when the snapshot was taken. */
  readonly takenAtMemorySize: number;

  /**
   * A copy of `memory` as it is now; or, given `adopted` (a copy taken earlier, e.g. by another
   * process, of a memory of the same size, as `toSparse` gives it), the memory is first put in
   * that state.
   */
  constructor(private readonly memory: { buffer: ArrayBuffer }, adopted?: SparseMemory, freshPages?: number[]) {
    const live = new Uint8Array(memory.buffer);
    this.takenAtMemorySize = live.length;
    if (adopted) {
      const pageCount = Math.ceil(adopted.length / PAGE);
      if (adopted.length > live.length || adopted.pages.some((index, at) => index >= pageCount || (at > 0 && index <= adopted.pages[at - 1]))) {
        throw new Error('the memory copy does not match its page list');
      }
      this.length = adopted.length;
      this.nonZero = adopted.pages;
      this.held = adopted.held;
    } else {
      this.length = endOfNonZero(live, 0);
      this.nonZero = [];
      for (let start = 0; start < this.length; start += PAGE) {
        if (!isZero(live, start, Math.min(PAGE, this.length - start))) this.nonZero.push(start / PAGE);
      }
      this.held = new Uint8Array(this.nonZero.length * PAGE);
    }
    let next = 0;
    for (let start = 0; start < this.length; start += PAGE) {
      if (this.nonZero[next] !== start / PAGE) {
        this.pages.push(null);
        continue;
      }
      const pageLength = Math.min(PAGE, this.length - start);
      const page = this.held.subarray(next * PAGE, next * PAGE + pageLength);
      if (page.length !== pageLength) throw new Error('the memory copy is shorter than its page list says');
      if (!adopted) page.set(live.subarray(start, start + pageLength));
      this.pages.push(page);
      next++;
    }
    // A fresh instance's memory is zero but for what the runtime just allocated: the restore
    // writes the pages that differ and clears the others. Knowing which pages those are (see
    // writtenPages) spares reading the rest.
    if (adopted && !(freshPages && this.restoreOntoFresh(freshPages))) this.restore();
  }

  /**
   * Puts the copy into a fresh instance's memory whose only non-zero pages are `freshPages` (as
   * writtenPages gave them where the copy was made, after the same steps: worker.ts checks that the
   * host side came out the same). Reading every page to find the non-zero ones would cost a page
   * fault per 4 KiB of untouched memory: about 5 ms of CPU for 16 MB, half of an adoption. False,
   * with nothing changed, when the page after the last of them is not zero (the instance allocated
   * more than where the copy was made): then the whole memory is compared as usual.
   */
  private restoreOntoFresh(freshPages: number[]): boolean {
    const live = new Uint8Array(this.memory.buffer);
    const pageCount = Math.ceil(live.length / PAGE);
    if (freshPages.some((index) => !Number.isInteger(index) || index < 0 || index >= pageCount)) return false;
    const next = freshPages.length === 0 ? 0 : Math.max(...freshPages) + 1;
    if (next < pageCount && !isZero(live, next * PAGE, Math.min(PAGE, live.length - next * PAGE))) return false;
    for (const index of freshPages) live.fill(0, index * PAGE, Math.min(live.length, (index + 1) * PAGE));
    this.pages.forEach((saved, index) => {
      if (saved) live.set(saved, index * PAGE);
    });
    return true;
  }

  /** A new snapshot of the same memory as it is now (the prepared state changed: worker.ts keepCompiledChunks). */
  retake(): MemorySnapshot {
    return new MemorySnapshot(this.memory);
  }

  /** The copy without its zero pages, for keeping the snapshot on disk (its bytes are the snapshot's own: not to be changed). */
  toSparse(): SparseMemory {
    return { length: this.length, pages: [...this.nonZero], held: this.held };
  }

  /** Bytes the snapshot holds (the pages that are not all zero). */
  get size(): number {
    return this.held.length;
  }

  /** Bytes of linear memory the instance has now (it grows and never shrinks). */
  get memorySize(): number {
    return this.memory.buffer.byteLength;
  }

  /** Puts the memory back as it was, including the zeros above the copied part. */
  restore(): void {
    const live = new Uint8Array(this.memory.buffer);
    // Only the part a run wrote to is cleared: writing zeros to pages never touched would make
    // the process hold them.
    const dirtyEnd = endOfNonZero(live, this.length);
    if (dirtyEnd > this.length) live.fill(0, this.length, dirtyEnd);
    // Page by page, writing only the pages that differ: comparing is native and reads only, and
    // a run leaves much of the prepared heap (the compiled sandbox) as it was.
    this.pages.forEach((saved, index) => {
      const start = index * PAGE;
      const length = Math.min(PAGE, this.length - start);
      if (saved === null) {
        if (!isZero(live, start, length)) live.fill(0, start, start + length);
      } else if (!Buffer.from(saved.buffer, saved.byteOffset, length).equals(Buffer.from(live.buffer, start, length))) {
        live.set(saved, start);
      }
    });
  }
}

const PAGE = 64 * 1024;
const ZERO_PAGE = Buffer.alloc(PAGE);

/** Indexes of the 64 KiB pages of `memory` that are not all zero (MemorySnapshot's freshPages). */
export function writtenPages(memory: { buffer: ArrayBuffer }): number[] {
  const live = new Uint8Array(memory.buffer);
  const pages: number[] = [];
  for (let start = 0; start < live.length; start += PAGE) {
    if (!isZero(live, start, Math.min(PAGE, live.length - start))) pages.push(start / PAGE);
  }
  return pages;
}

/** Whether `length` bytes (at most a page) of `bytes` from `start` are all zero. */
function isZero(bytes: Uint8Array, start: number, length: number): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, length).equals(ZERO_PAGE.subarray(0, length));
}

/** The end of the last non-zero byte at or above `from` (`from` when there is none). */
function endOfNonZero(bytes: Uint8Array, from: number): number {
  // Whole pages from the top first, compared with native code (a memory is megabytes long and a
  // whole number of 64 KiB wasm pages); then bytes within the last page that is not all zero.
  let pageStart = bytes.length - PAGE;
  while (pageStart >= from && Buffer.from(bytes.buffer, bytes.byteOffset + pageStart, PAGE).equals(ZERO_PAGE)) pageStart -= PAGE;
  let end = Math.min(bytes.length, pageStart + PAGE);
  while (end > from && bytes[end - 1] === 0) end--;
  return end;
}

type Captured =
  | { kind: 'value'; value: unknown }
  | { kind: 'array'; target: unknown[]; items: Captured[] }
  | { kind: 'map'; target: Map<unknown, unknown>; entries: [Captured, Captured][] }
  | { kind: 'set'; target: Set<unknown>; items: Captured[] }
  | { kind: 'object'; target: Record<PropertyKey, unknown>; fields: [string, Captured][] };

/** The recorded state of an object graph (see captureState). */
export interface CapturedState {
  root: Captured;
  shallow: Captured[];
}

/** Objects kept by identity only: engine resources (handles, contexts, runtimes) and built-in value types. */
function isOpaque(value: object): boolean {
  if (typeof (value as { dispose?: unknown }).dispose === 'function') return true;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return true;
  if (value instanceof Date || value instanceof RegExp || value instanceof Promise) return true;
  return false;
}

/**
 * Records `root`'s own fields and, recursively, the contents of the objects they reach. The own
 * fields of each object in `shallow` are recorded as well, by identity only: quickjs-emscripten's
 * context and runtime objects cache handles they create on first use (the global object, `Symbol`,
 * `BigInt`), and a handle first made during a run points into memory the restore takes back.
 */
export function captureState(root: object, shallow: object[] = []): CapturedState {
  const seen = new Map<object, Captured>();
  const shallowCapture = (object: object): Captured => {
    const target = object as Record<PropertyKey, unknown>;
    const captured: Captured = { kind: 'object', target, fields: Object.keys(target).map((key) => [key, { kind: 'value', value: target[key] }]) };
    seen.set(object, captured);
    return captured;
  };
  for (const object of shallow) shallowCapture(object);
  const capture = (value: unknown): Captured => {
    if (value === null || (typeof value !== 'object')) return { kind: 'value', value };
    const known = seen.get(value);
    if (known) return known;
    // The root itself may have a dispose method (a ModelRun does); its fields are what is recorded.
    if (value !== root && isOpaque(value)) {
      // A handle's own fields (whether it is alive) are recorded by identity: a handle the run
      // disposed is alive again once its value is back in the memory.
      if (!Object.prototype.hasOwnProperty.call(value, '_alive')) return { kind: 'value', value };
      return shallowCapture(value);
    }
    let captured: Captured;
    if (Array.isArray(value)) {
      captured = { kind: 'array', target: value, items: [] };
      seen.set(value, captured);
      captured.items = value.map(capture);
    } else if (value instanceof Map) {
      captured = { kind: 'map', target: value, entries: [] };
      seen.set(value, captured);
      captured.entries = [...value].map(([key, entry]) => [capture(key), capture(entry)]);
    } else if (value instanceof Set) {
      captured = { kind: 'set', target: value, items: [] };
      seen.set(value, captured);
      captured.items = [...value].map(capture);
    } else {
      const target = value as Record<PropertyKey, unknown>;
      captured = { kind: 'object', target, fields: [] };
      seen.set(value, captured);
      captured.fields = Object.keys(target).map((key) => [key, capture(target[key])]);
    }
    return captured;
  };
  return { root: capture(root), shallow: shallow.map((object) => seen.get(object)!) };
}

/** Puts every object recorded by `captureState` back to its recorded contents, in place. */
export function restoreState(state: CapturedState): void {
  const restored = new Set<Captured>();
  const restore = (captured: Captured): unknown => {
    if (captured.kind === 'value') return captured.value;
    if (restored.has(captured)) return captured.target;
    restored.add(captured);
    switch (captured.kind) {
      case 'array': {
        const items = captured.items.map(restore);
        captured.target.length = 0;
        captured.target.push(...items);
        break;
      }
      case 'map': {
        const entries = captured.entries.map(([key, entry]) => [restore(key), restore(entry)] as const);
        captured.target.clear();
        for (const [key, entry] of entries) captured.target.set(key, entry);
        break;
      }
      case 'set': {
        const items = captured.items.map(restore);
        captured.target.clear();
        for (const item of items) captured.target.add(item);
        break;
      }
      case 'object': {
        const target = captured.target;
        const recorded = new Set(captured.fields.map(([key]) => key));
        for (const key of Object.keys(target)) if (!recorded.has(key)) delete target[key];
        // Unchanged fields are not written: an object the run never touched may be frozen.
        for (const [key, field] of captured.fields) {
          const value = restore(field);
          if (target[key] !== value) target[key] = value;
        }
        break;
      }
    }
    return captured.target;
  };
  restore(state.root);
  for (const object of state.shallow) restore(object);
}
