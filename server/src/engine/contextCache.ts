// Prepared contexts kept on disk, so a new engine process need not compile the sandbox again.
//
// Within a process the worker restores a prepared context from a copy of its wasm memory
// (contextSnapshot.ts). The same copy, written to a file, lets the next process skip preparing
// as well: it creates a fresh wasm instance, a runtime and a context, installs the host primitives
// (cheap, and deterministic: the same allocations in the same order give the same pointers and
// the same host function ids), and then overwrites the instance's memory with the file's copy. The
// only host-side state that evaluating the sandbox creates is the handles to its boot hooks; the
// file records their pointers and they are wrapped again. Everything is checked before it is
// trusted: the file names the exact engine build and context it was made for, a fingerprint of the
// host side after installing the primitives must match, and the bytes carry a digest. Any
// mismatch, a missing, truncated or unreadable file, or a cache directory that cannot be written
// falls back to preparing from scratch.
//
// A freshly installed extension has no such directory yet, so the build also ships the prepared
// contexts of the usual models (engine/build/prepared-contexts.mjs): one brotli stream of cache
// files, read when the directory has none for a context, then copied into the directory. A copy
// holds QuickJS's memory only: nothing of the host that made it (its Node or V8 version, time zone,
// locale, environment or working directory) is in it, as the host reads those per run (runner.ts).
// So the build hash names the sandbox and the worker bundle (which embeds QuickJS's wasm and the
// host primitives), not the Node version: a context made by the build runs in VS Code's Node too,
// and the host fingerprint (worker.ts) still refuses one whose host side came out different.

import type * as Crypto from 'node:crypto';
import type * as Zlib from 'node:zlib';
import { closeSync, lstatSync, mkdirSync, openSync, readFile, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SparseMemory } from './contextSnapshot';

/**
 * node:zlib, loaded on first use: an engine worker whose contexts come from the user's directory,
 * or decompressed by the Predictor, never needs it, and loading it costs a starting worker ~0.5 ms
 * of CPU on its way to the first answer (measured in a fresh worker thread).
 */
let zlibModule: typeof Zlib | undefined;

/** A SHA-1 hasher, with node:crypto loaded on first use (a fresh install's first run needs none: see workerLoader.ts). */
function createHash(algorithm: 'sha1'): Crypto.Hash {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof Crypto).createHash(algorithm);
}
function zlib(): typeof Zlib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  zlibModule ??= require('node:zlib') as typeof Zlib;
  return zlibModule;
}

/**
 * Output per pass of the decompressor. With zlib's default (16 KB), decompressing a context of
 * 2.7 MB on the thread pool took ~170 passes, each started from the calling thread: a Predictor busy
 * preparing the first file (a parse and a rewrite, synchronously) held the decompression back, and
 * a fresh install's worker waited for its context (session 8, traced: decompressed 80 ms after it
 * started). One pass per 4 MB.
 */
const DECOMPRESS_CHUNK_BYTES = 4 * 1024 * 1024;

/** Brotli options for a prefix of the shipped stream: it ends at a flush, not at the stream's end. */
function prefixOptions(): Zlib.BrotliOptions {
  return { finishFlush: zlib().constants.BROTLI_OPERATION_FLUSH, chunkSize: DECOMPRESS_CHUNK_BYTES };
}

/** What a persisted context records besides the memory bytes. */
export interface PersistedContextHeader {
  /** The full context key (model, file, module or not): guards against a collision of file names. */
  key: string;
  /** Host-side fingerprint after the primitives are installed (see `hostFingerprint` in worker.ts). */
  fingerprint: string;
  /** Bytes of linear memory the instance had when the copy was taken. */
  memorySize: number;
  /** Pointers of the handles the worker must wrap again, by name. */
  handles: Record<string, number>;
  /** The lazily compiled sandbox chunks compiled into the memory, comma-separated (worker.ts). */
  chunks?: string;
  /** The 64 KiB pages a fresh instance has written once the primitives are installed (MemorySnapshot's freshPages); absent in older files. */
  freshPages?: number[];
  /** Bytes of memory up to its last non-zero byte, and the indexes of the non-zero 64 KiB pages the file holds (SparseMemory). */
  length: number;
  pages: number[];
  /** Digest and length of the page bytes that follow the header. */
  digest: string;
  byteLength: number;
}

export interface PersistedContext {
  header: PersistedContextHeader;
  memory: SparseMemory;
  /** Read from the contexts the build ships (not yet in the user's directory). */
  shipped: boolean;
}

/**
 * The prepared contexts the build ships: `[u32 index length][index JSON][brotli stream]`, where the
 * stream holds cache files one after another, flushed after each, so the prefix up to a file's
 * `end` decompresses to that file and the ones before it (the most used first).
 */
export interface ShippedContextsIndex {
  /** The build the contexts were made by (ContextCache's build hash). */
  build: string;
  /** Context keys in stream order, each with the offset in the stream where its file is complete. */
  contexts: { key: string; end: number }[];
}

/** Files kept per engine build: each is a few megabytes (one per model and module goal is all there is). */
const MAX_FILES = 8;
const SUFFIX = '.ctx';
const TEMPORARY_SUFFIX = '.tmp';
/** A temporary file this old was left by a process that stopped while writing (another may be writing one now). */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/** The directory prepared contexts are kept in (`LOOPLENS_CONTEXT_CACHE`), or null when persistence is off. */
export function contextDirectory(): string | null {
  const configured = process.env.LOOPLENS_CONTEXT_CACHE;
  if (configured === 'off') return null;
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  return configured || join(tmpdir(), `looplens-contexts-${user}`);
}

/** How the worker bundle's code cache files are named (workerCodeCacheFile). */
export const WORKER_CODE_CACHE_PREFIX = 'engine-worker-';
export const WORKER_CODE_CACHE_SUFFIX = '.v8cache';

/**
 * Where the worker bundle whose text has the digest `bundleDigest` (workerBundleDigest) keeps its
 * V8 code cache for this Node (workerLoader.ts), or null when contexts are not kept. The name says
 * which bundle by a digest of its text, not by its size and modification time: V8 checks only the
 * LENGTH of the source a code cache was made for (measured: a cache made for one text ran that
 * text's functions for another text of the same length, cachedDataRejected false), so an edited
 * bundle of the same size and time would run the old build's code.
 */
export function workerCodeCacheFile(bundleDigest: string): string | null {
  const directory = contextDirectory();
  if (directory === null) return null;
  return join(directory, `${WORKER_CODE_CACHE_PREFIX}${process.version}-${process.arch}-${bundleDigest}${WORKER_CODE_CACHE_SUFFIX}`);
}

/** The digest of the worker bundle's text that names its code cache file (workerCodeCacheFile). */
export function workerBundleDigest(source: string): string {
  return createHash('sha1').update(source).digest('hex');
}

/**
 * A worker code cache file holds a SHA-1 of the code cache, then the code cache: Node 20's V8 does
 * not check a code cache's own checksum (measured: every single-byte corruption of one was
 * accepted), so a damaged file would be used, and never replaced, without this digest.
 */
export const WORKER_CODE_CACHE_DIGEST_BYTES = 20;

/** The code cache a worker code cache file's bytes hold, or undefined when its digest does not match. */
export function codeCacheOf(stored: Buffer): Buffer | undefined {
  const data = stored.subarray(WORKER_CODE_CACHE_DIGEST_BYTES);
  const sound = stored.length > WORKER_CODE_CACHE_DIGEST_BYTES && createHash('sha1').update(data).digest().equals(stored.subarray(0, WORKER_CODE_CACHE_DIGEST_BYTES));
  return sound ? data : undefined;
}

/**
 * The script the worker's loader compiles: the bundle's text as the body of a CommonJS-style
 * function. The Predictor compiles the same text for a starting worker's first code cache (V8
 * accepts a cache only for the source it was made from).
 */
export function wrapWorkerBundle(source: string): string {
  return `(function (exports, require, module, __filename, __dirname, __looplensSaveCodeCache) {${source}\n})`;
}

/** Creates `directory` if needed and throws unless it is a directory of this user's that no one else can write to. */
export function ensureOwnDirectory(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  // Another user's directory of the same name is not trusted: its files would run in our engine.
  // lstat, not stat: a symbolic link planted under our name could point at a directory we own
  // elsewhere, whose files prune() would then delete.
  const status = lstatSync(directory);
  if (!status.isDirectory()) throw new Error('the path is not a directory (a symbolic link?)');
  if (typeof process.getuid === 'function' && status.uid !== process.getuid()) throw new Error('the directory belongs to another user');
  if ((status.mode & 0o022) !== 0) throw new Error('the directory is writable by other users');
}

/**
 * A persisted context's file name: the build, then the key's UTF-8 bytes in hexadecimal (a key is a
 * model and a module goal: short, and told apart exactly). Until session 8 the name held a SHA-1 of
 * the key, which made a fresh install's worker load node:crypto on its way to the first answer only
 * to name the file it looks for in the user's directory (3.6-5.2 ms of a fresh worker thread,
 * measured); nothing else there needs it before the answer.
 */
function contextFileName(build: string, key: string): string {
  return `${build}-${Buffer.from(key, 'utf8').toString('hex')}${SUFFIX}`;
}

/** The cache files a starting worker will restore its first contexts from, as the Predictor hands them over (readStartupContexts). */
export interface StartupContexts {
  /** The build they were made by (the worker checks it against its own). */
  build: string;
  /**
   * Files by key whose digest the Predictor checked (a file that failed is left out), each from
   * the user's directory (`shipped` false) or decompressed from the shipped archive: the worker,
   * which receives them transferred from the same process, need not read or digest megabytes on
   * its way to the first answer.
   */
  files: [key: string, bytes: Uint8Array, shipped: boolean][];
}

/** The shipped archive's index and the brotli stream after it (the layout is ShippedContextsIndex's). */
function parseShippedArchive(archive: Buffer): { index: ShippedContextsIndex; stream: Buffer } {
  const indexLength = archive.readUInt32LE(0);
  const index = JSON.parse(archive.subarray(4, 4 + indexLength).toString('utf8')) as ShippedContextsIndex;
  return { index, stream: archive.subarray(4 + indexLength) };
}

/** The position in the stream of the last of `keys` (-1 when none is shipped): the prefix up to it holds them all. */
function lastShippedIndex(index: ShippedContextsIndex, keys: string[]): number {
  return Math.max(-1, ...keys.map((key) => index.contexts.findIndex((context) => context.key === key)));
}

/** The stream's prefix that decompresses to the files up to the `wanted`-th. */
function shippedPrefix(archive: { index: ShippedContextsIndex; stream: Buffer }, wanted: number): Buffer {
  return archive.stream.subarray(0, archive.index.contexts[wanted].end);
}

/** Splits a decompressed prefix (the files up to the `wanted`-th) into files, by key. */
function splitShippedFiles(index: ShippedContextsIndex, wanted: number, decompressed: Buffer): [string, Buffer][] {
  const files: [string, Buffer][] = [];
  let offset = 0;
  for (const { key } of index.contexts.slice(0, wanted + 1)) {
    const fileLength = contextFileLength(decompressed, offset);
    files.push([key, decompressed.subarray(offset, offset + fileLength)]);
    offset += fileLength;
  }
  return files;
}

/** The keys among `keys` that the user's `directory` has no file of `build` for. */
function missingFrom(directory: string, build: string, keys: string[]): string[] {
  return keys.filter((key) => {
    try {
      statSync(join(directory, contextFileName(build, key)));
      return false;
    } catch {
      return true;
    }
  });
}

// Not node:fs/promises: the engine worker's bundle holds this file too, and loading that module costs a
// starting worker ~0.7 ms of CPU (measured in a fresh worker thread) for a function only the Predictor calls.
const readFileAsync = (path: string) => new Promise<Buffer>((resolve, reject) => readFile(path, (error, data) => (error ? reject(error) : resolve(data))));

/** Whether `bytes` is a sound cache file for `key` (parseContextFile's checks, the digest included). */
function isSoundContextFile(bytes: Buffer, key: string): boolean {
  try {
    parseContextFile(bytes, key);
    return true;
  } catch {
    return false;
  }
}

/**
 * The cache files of `keys` for a starting worker, read and checked on this thread (the
 * Predictor's) while the worker boots: the user's own file where it has a sound one, else the
 * shipped one, decompressed on libuv's thread pool. Null when persistence or the shipped contexts
 * are off, or there are none (the build of the shipped archive names the user's files; without it
 * the worker reads them itself). A file that fails a check is left to the worker, which drops it
 * and says so.
 */
export async function readStartupContexts(shippedPath: string, keys: string[]): Promise<StartupContexts | null> {
  const directory = contextDirectory();
  if (directory === null || process.env.LOOPLENS_SHIPPED_CONTEXTS === 'off') return null;
  // Read synchronously (a megabyte from the page cache, well under a millisecond), so that on a
  // fresh install the decompression below starts on the thread pool right away: read asynchronously,
  // the read's callback waited for the Predictor's synchronous preparation of the first file (a
  // parse and a rewrite), and the worker then waited 7-40 ms for its context (session 8, traced).
  const archive = parseShippedArchive(readFileSync(shippedPath));
  const build = archive.index.build;
  const files: StartupContexts['files'] = [];
  // The user's files: only from a directory of this user's that no one else can write to (as ContextCache reads it).
  let ownDirectory = true;
  try {
    ensureOwnDirectory(directory);
  } catch {
    ownDirectory = false;
  }
  const missing = ownDirectory ? missingFrom(directory, build, keys) : keys;
  for (const key of keys.filter((key) => !missing.includes(key))) {
    const bytes = await readFileAsync(join(directory, contextFileName(build, key))).catch(() => undefined);
    if (bytes && isSoundContextFile(bytes, key)) files.push([key, bytes, false]);
  }
  // The shipped files of the keys without a sound file of the user's.
  const wanted = lastShippedIndex(archive.index, keys.filter((key) => !files.some(([handed]) => handed === key)));
  if (wanted >= 0) {
    const decompressed = await new Promise<Buffer>((resolve, reject) => {
      zlib().brotliDecompress(shippedPrefix(archive, wanted), prefixOptions(), (error, result) => (error ? reject(error) : resolve(result)));
    });
    // A result of one pass is a view into the decompressor's 4 MB buffer: copied to a buffer of its
    // own (well under a millisecond), it is transferred to the worker rather than cloned on both threads.
    const own = decompressed.byteLength === decompressed.buffer.byteLength ? decompressed : Buffer.from(decompressed);
    // Checked here, where the thread has time while the worker starts (2.6-2.8 ms of CPU for a
    // context of 2.7 MB, measured in session 5), rather than by the worker before its first answer.
    for (const [key, bytes] of splitShippedFiles(archive.index, wanted, own)) {
      if (isSoundContextFile(bytes, key)) files.push([key, bytes, true]);
    }
  }
  return files.length > 0 ? { build, files } : null;
}

/**
 * The memory under `handed`'s files, to transfer to the worker rather than copy: cloning the
 * ~2.7 MB of a context costs ~2 ms of the posting thread's CPU and as much again on the worker,
 * which reads it while it starts (measured on the development machine). Only a buffer that holds
 * nothing but these files is given away (the decompressor's result, a file read whole): a view
 * into Node's shared allocation pool, or a buffer that also holds a file left out, is cloned.
 */
export function transferableBuffers(handed: StartupContexts | null): ArrayBuffer[] {
  const heldBytes = new Map<ArrayBufferLike, number>();
  for (const [, bytes] of handed?.files ?? []) heldBytes.set(bytes.buffer, (heldBytes.get(bytes.buffer) ?? 0) + bytes.byteLength);
  return [...heldBytes].filter(([buffer, held]) => buffer instanceof ArrayBuffer && buffer.byteLength === held).map(([buffer]) => buffer as ArrayBuffer);
}

/**
 * The digest a cache file's header records: of the header's other fields as they are written, then
 * of the memory bytes. A field the restore trusts (the memory size, the handles' pointers, the
 * pages a fresh instance has written) is covered as much as the bytes are.
 */
function digestOf(fields: Omit<PersistedContextHeader, 'digest'>, bytes: Uint8Array): string {
  return createHash('sha1').update(JSON.stringify(fields)).update(bytes).digest('hex');
}

/**
 * A directory of persisted contexts for one engine build. `LOOPLENS_CONTEXT_CACHE` names the
 * directory (`off` turns persistence off); by default it is a per-user directory in the system's
 * temporary directory.
 */
export class ContextCache {
  private directoryReady = false;
  /** The shipped contexts decompressed so far, by key (see shippedContext); null once known to be unusable. */
  private shippedFiles: Map<string, Buffer> | null = new Map();
  /** The keys of shippedFiles whose digest the Predictor checked already (adoptStartupContexts). */
  private readonly checkedShipped = new Set<string>();
  /** Files of the user's directory the Predictor read and checked (adoptStartupContexts), by key; each is used once. */
  private readonly handedUserFiles = new Map<string, Buffer>();

  private constructor(
    private readonly directory: string,
    /** Hash of everything a persisted context depends on: the sandbox and the worker bundle. */
    readonly buildHash: string,
    private readonly log: (message: string) => void,
    /** The build's shipped contexts (ShippedContextsIndex), or undefined. */
    private readonly shippedPath: string | undefined,
  ) {}

  /** The build hash of these inputs (see ContextCache.open). */
  static buildHashOf(buildInputs: (string | Uint8Array)[]): string {
    const hash = createHash('sha1');
    for (const input of buildInputs) hash.update(input);
    return hash.digest('hex').slice(0, 16);
  }

  /**
   * The cache for the build whose hash `buildInputs` gives (or `buildHash` is, computed already), or
   * null when persistence is turned off (`LOOPLENS_CONTEXT_CACHE=off`: the shipped contexts are not
   * used either). `LOOPLENS_SHIPPED_CONTEXTS=off` ignores the shipped contexts only (a truly cold
   * start, for the bench and tests).
   */
  static open(build: { buildInputs: (string | Uint8Array)[] } | { buildHash: string }, log: (message: string) => void, shippedPath?: string): ContextCache | null {
    const directory = contextDirectory();
    if (directory === null) return null;
    const shipped = process.env.LOOPLENS_SHIPPED_CONTEXTS === 'off' ? undefined : shippedPath;
    return new ContextCache(directory, 'buildHash' in build ? build.buildHash : ContextCache.buildHashOf(build.buildInputs), log, shipped);
  }

  private fileFor(key: string): string {
    return join(this.directory, contextFileName(this.buildHash, key));
  }

  /** The persisted context for `key` (the user's directory first, then the shipped ones), or null (missing, from another build, or damaged: logged). */
  load(key: string): PersistedContext | null {
    const handed = this.handedUserFiles.get(key);
    if (handed) {
      // Once: a context restored from it that misbehaves is discarded, and the next load reads the directory.
      this.handedUserFiles.delete(key);
      try {
        return { ...parseContextFile(handed, key, true), shipped: false };
      } catch {
        // Checked by the Predictor, so not expected; the directory is read below all the same.
      }
    }
    const file = this.fileFor(key);
    let data: Buffer | undefined;
    try {
      this.ensureDirectory();
      data = readFileSync(file);
    } catch {
      data = undefined;
    }
    if (data) {
      try {
        return { ...parseContextFile(data, key), shipped: false };
      } catch (error) {
        this.log(`LoopLens: ignoring the damaged prepared context ${file} (${(error as Error).message}); preparing from scratch.`);
        this.remove(file);
      }
    }
    const shipped = this.shippedContext(key);
    if (!shipped) return null;
    try {
      return { ...parseContextFile(shipped, key, this.checkedShipped.has(key)), shipped: true };
    } catch (error) {
      this.log(`LoopLens: ignoring the damaged shipped context for ${key.split('\u0000').join(' ')} (${(error as Error).message}); preparing from scratch.`);
      return null;
    }
  }

  /**
   * The shipped cache file for `key`, or undefined (none shipped, made by another build, or
   * unreadable). Only the part of the stream up to that file is decompressed; the files before it
   * come out too and are kept for the next model asked for (a prediction of node and browser).
   */
  private shippedContext(key: string): Buffer | undefined {
    const known = this.shippedFiles?.get(key);
    if (known) return known;
    const archive = this.shippedArchive();
    const wanted = archive ? lastShippedIndex(archive.index, [key]) : -1;
    if (!archive || wanted < 0) return undefined;
    try {
      this.keepShippedFiles(splitShippedFiles(archive.index, wanted, zlib().brotliDecompressSync(shippedPrefix(archive, wanted), prefixOptions())), false);
    } catch (error) {
      this.shippedUnreadable(error);
    }
    return this.shippedFiles?.get(key);
  }

  /**
   * Starts decompressing, on libuv's thread pool, the shipped files of the `keys` that the user's
   * directory has no file for, so that runs while the worker instantiates QuickJS; `load` then
   * finds them ready (it waits for `shippedReady`). Costs nothing when the directory has them all.
   * A later call (another model's warm-up) starts once the earlier ones are done, and decompresses
   * only what they did not bring.
   */
  prefetchShipped(keys: string[]): void {
    if (!this.shippedPath || !this.shippedFiles) return;
    this.shippedReady = (this.shippedReady ?? Promise.resolve()).then(() => this.decompressMissing(keys));
  }

  /** Decompresses, on libuv's thread pool, the shipped files of `keys` that neither this cache nor the user's directory has. */
  private decompressMissing(keys: string[]): Promise<void> {
    const missing = missingFrom(this.directory, this.buildHash, keys.filter((key) => !this.shippedFiles?.has(key)));
    const archive = missing.length > 0 ? this.shippedArchive() : undefined;
    const wanted = archive ? lastShippedIndex(archive.index, missing) : -1;
    if (!archive || wanted < 0) return Promise.resolve();
    return new Promise((resolve) => {
      zlib().brotliDecompress(shippedPrefix(archive, wanted), prefixOptions(), (error, files) => {
        try {
          if (error) throw error;
          this.keepShippedFiles(splitShippedFiles(archive.index, wanted, files), false);
        } catch (failure) {
          this.shippedUnreadable(failure);
        }
        resolve();
      });
    });
  }

  /** Settles once the decompressions `prefetchShipped` started and the files `adoptStartupContexts` waits for are in (at once when none was). */
  shippedReady: Promise<void> | undefined;

  /**
   * Takes the files the Predictor read or decompressed, and checked, while this worker started (see
   * readStartupContexts), instead of reading them here: `load` waits for them.
   */
  adoptStartupContexts(handed: Promise<StartupContexts | null>): void {
    if (!this.shippedPath || !this.shippedFiles) return;
    const adopted = handed.then((result) => {
      if (!result || result.build !== this.buildHash) return;
      const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (const [key, bytes] of result.files.filter(([, , shipped]) => !shipped)) this.handedUserFiles.set(key, asBuffer(bytes));
      this.keepShippedFiles(result.files.filter(([, , shipped]) => shipped).map(([key, bytes]) => [key, asBuffer(bytes)]), true);
    }, () => undefined);
    this.shippedReady = this.shippedReady ? Promise.all([this.shippedReady, adopted]).then(() => undefined) : adopted;
  }

  /** The shipped archive's index and compressed stream, or undefined (none, another build's, or unreadable: then never read again). */
  private shippedArchive(): { index: ShippedContextsIndex; stream: Buffer } | undefined {
    if (!this.shippedPath || !this.shippedFiles) return undefined;
    try {
      const archive = parseShippedArchive(readFileSync(this.shippedPath));
      if (archive.index.build === this.buildHash) return archive;
      this.shippedFiles = null;
    } catch (error) {
      this.shippedUnreadable(error);
    }
    return undefined;
  }

  /** Keeps shipped files by key; `checked`: their digests were checked already (by the Predictor). */
  private keepShippedFiles(files: [string, Buffer][], checked: boolean): void {
    for (const [key, bytes] of files) {
      this.shippedFiles?.set(key, bytes);
      if (checked) this.checkedShipped.add(key);
      else this.checkedShipped.delete(key);
    }
  }

  private shippedUnreadable(error: unknown): void {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`LoopLens: the shipped prepared contexts in ${this.shippedPath} are unreadable (${(error as Error).message}); preparing from scratch.`);
    this.shippedFiles = null;
  }

  /** Writes a context for `key` (atomically: a reader sees the old file or the whole new one). Failures are logged, never thrown. */
  save(key: string, header: Omit<PersistedContextHeader, 'key' | 'digest' | 'byteLength' | 'length' | 'pages'>, memory: SparseMemory): void {
    const file = this.fileFor(key);
    try {
      this.ensureDirectory();
      const bytes = memory.held;
      const fields: Omit<PersistedContextHeader, 'digest'> = { ...header, key, length: memory.length, pages: memory.pages, byteLength: bytes.length };
      const full: PersistedContextHeader = { ...fields, digest: digestOf(fields, bytes) };
      const headerBytes = Buffer.from(JSON.stringify(full), 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32LE(headerBytes.length, 0);
      const temporary = `${file}.${process.pid}.${Date.now()}${TEMPORARY_SUFFIX}`;
      const fd = openSync(temporary, 'w', 0o600);
      try {
        writeSync(fd, length);
        writeSync(fd, headerBytes);
        writeSync(fd, bytes);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, file);
      this.prune();
    } catch (error) {
      this.log(`LoopLens: could not keep the prepared context in ${this.directory} (${(error as Error).message}); the next process prepares it again.`);
    }
  }

  /** Forgets the file for `key` (a context restored from it did not behave). */
  discard(key: string): void {
    this.remove(this.fileFor(key));
  }

  private ensureDirectory(): void {
    if (this.directoryReady) return;
    ensureOwnDirectory(this.directory);
    this.directoryReady = true;
  }

  /** Drops other builds' files, all but the newest few of this build's, and abandoned partial writes. */
  private prune(): void {
    const ours: { file: string; modified: number }[] = [];
    for (const name of readdirSync(this.directory)) {
      const file = join(this.directory, name);
      if (name.endsWith(TEMPORARY_SUFFIX)) {
        try {
          if (Date.now() - statSync(file).mtimeMs > ABANDONED_AFTER_MS) this.remove(file);
        } catch {
          // Renamed into place or removed by its writer meanwhile.
        }
        continue;
      }
      if (!name.endsWith(SUFFIX)) continue;
      if (!name.startsWith(`${this.buildHash}-`)) {
        this.remove(file);
        continue;
      }
      try {
        ours.push({ file, modified: statSync(file).mtimeMs });
      } catch {
        // Removed by another process meanwhile.
      }
    }
    ours.sort((a, b) => b.modified - a.modified);
    for (const { file } of ours.slice(MAX_FILES)) this.remove(file);
  }

  private remove(file: string): void {
    try {
      unlinkSync(file);
    } catch {
      // Already gone, or not ours to remove: either way it is not used.
    }
  }
}

/** The length of the cache file that starts at `offset` of `data` (its header says how long its memory is). */
function contextFileLength(data: Buffer, offset: number): number {
  if (offset + 4 > data.length) throw new Error('truncated');
  const headerLength = data.readUInt32LE(offset);
  if (offset + 4 + headerLength > data.length) throw new Error('truncated header');
  const header = JSON.parse(data.subarray(offset + 4, offset + 4 + headerLength).toString('utf8')) as PersistedContextHeader;
  return 4 + headerLength + header.byteLength;
}

/**
 * A cache file's header and memory, checked: made for `key`, complete, and with the digest its
 * header records (unless `digestChecked`: the Predictor checked it as it decompressed the file).
 */
function parseContextFile(data: Buffer, key: string, digestChecked = false): { header: PersistedContextHeader; memory: SparseMemory } {
  if (data.length < 4) throw new Error('too short');
  const headerLength = data.readUInt32LE(0);
  if (4 + headerLength > data.length) throw new Error('truncated header');
  const header = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')) as PersistedContextHeader;
  const bytes = data.subarray(4 + headerLength);
  if (header.key !== key) throw new Error('made for another context');
  if (bytes.length !== header.byteLength) throw new Error('truncated memory');
  if (!Array.isArray(header.pages) || typeof header.length !== 'number') throw new Error('an older file format');
  const { digest, ...fields } = header;
  if (!digestChecked && digestOf(fields, bytes) !== digest) throw new Error('digest mismatch');
  return { header, memory: { length: header.length, pages: header.pages, held: bytes } };
}
