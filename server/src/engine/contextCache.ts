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

import { createHash } from 'node:crypto';
import { brotliDecompress, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile as readFileAsync } from 'node:fs/promises';
import type { SparseMemory } from './contextSnapshot';

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

/** A persisted context's file name: the build, then the key's hash. */
function contextFileName(build: string, key: string): string {
  return `${build}-${createHash('sha1').update(key).digest('hex').slice(0, 16)}${SUFFIX}`;
}

/** Shipped cache files by key, as the Predictor hands them to a starting worker. */
export interface DecompressedShippedContexts {
  /** The build they were made by (the worker checks it against its own). */
  build: string;
  files: [string, Uint8Array][];
}

/**
 * The shipped cache files of `keys` that the user's directory lacks, decompressed on libuv's thread
 * pool, or null when it has them all (or persistence or the shipped contexts are off, or there are
 * none). The Predictor calls it as it starts a worker, so the decompression runs while the worker
 * boots rather than after (the worker would start it only when its first request arrives).
 */
export async function decompressShippedContexts(shippedPath: string, keys: string[]): Promise<DecompressedShippedContexts | null> {
  const directory = contextDirectory();
  if (directory === null || process.env.LOOPLENS_SHIPPED_CONTEXTS === 'off') return null;
  const archive = await readFileAsync(shippedPath);
  const indexLength = archive.readUInt32LE(0);
  const index = JSON.parse(archive.subarray(4, 4 + indexLength).toString('utf8')) as ShippedContextsIndex;
  const missing = keys.filter((key) => {
    try {
      statSync(join(directory, contextFileName(index.build, key)));
      return false;
    } catch {
      return true;
    }
  });
  const wanted = Math.max(-1, ...missing.map((key) => index.contexts.findIndex((context) => context.key === key)));
  if (wanted < 0) return null;
  const stream = archive.subarray(4 + indexLength, 4 + indexLength + index.contexts[wanted].end);
  const decompressed = await new Promise<Buffer>((resolve, reject) => {
    brotliDecompress(stream, { finishFlush: zlibConstants.BROTLI_OPERATION_FLUSH }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  const files: [string, Uint8Array][] = [];
  let offset = 0;
  for (const { key } of index.contexts.slice(0, wanted + 1)) {
    const fileLength = contextFileLength(decompressed, offset);
    files.push([key, decompressed.subarray(offset, offset + fileLength)]);
    offset += fileLength;
  }
  return { build: index.build, files };
}

/**
 * The memory under `decompressed`'s files, to transfer to the worker rather than copy: cloning the
 * ~2.7 MB of a context costs ~2 ms of the posting thread's CPU and as much again on the worker,
 * which reads it while it starts (measured on the development machine). Only a buffer that holds
 * nothing but these files is given away: a view into Node's shared allocation pool is cloned.
 */
export function transferableBuffers(decompressed: DecompressedShippedContexts | null): ArrayBuffer[] {
  const files = decompressed?.files ?? [];
  const buffer = files[0]?.[1].buffer;
  const heldBytes = files.reduce((sum, [, bytes]) => sum + bytes.byteLength, 0);
  // One buffer, exactly as long as the files together: the decompressor's own result.
  const owned = buffer instanceof ArrayBuffer && buffer.byteLength === heldBytes && files.every(([, bytes]) => bytes.buffer === buffer);
  return owned ? [buffer] : [];
}

function digestOf(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
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
   * The cache for this build, or null when persistence is turned off (`LOOPLENS_CONTEXT_CACHE=off`:
   * the shipped contexts are not used either). `LOOPLENS_SHIPPED_CONTEXTS=off` ignores the shipped
   * contexts only (a truly cold start, for the bench and tests).
   */
  static open(buildInputs: (string | Uint8Array)[], log: (message: string) => void, shippedPath?: string): ContextCache | null {
    const directory = contextDirectory();
    if (directory === null) return null;
    const shipped = process.env.LOOPLENS_SHIPPED_CONTEXTS === 'off' ? undefined : shippedPath;
    return new ContextCache(directory, ContextCache.buildHashOf(buildInputs), log, shipped);
  }

  private fileFor(key: string): string {
    return join(this.directory, contextFileName(this.buildHash, key));
  }

  /** The persisted context for `key` (the user's directory first, then the shipped ones), or null (missing, from another build, or damaged: logged). */
  load(key: string): PersistedContext | null {
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
      return { ...parseContextFile(shipped, key), shipped: true };
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
    const wanted = archive?.index.contexts.findIndex((context) => context.key === key) ?? -1;
    if (!archive || wanted < 0) return undefined;
    try {
      this.keepShippedFiles(archive.index, wanted, brotliDecompressSync(archive.stream.subarray(0, archive.index.contexts[wanted].end), { finishFlush: zlibConstants.BROTLI_OPERATION_FLUSH }));
    } catch (error) {
      this.shippedUnreadable(error);
    }
    return this.shippedFiles?.get(key);
  }

  /**
   * Starts decompressing, on libuv's thread pool, the shipped files of the `keys` that the user's
   * directory has no file for, so that runs while the worker instantiates QuickJS; `load` then
   * finds them ready (it waits for `shippedReady`). Costs nothing when the directory has them all.
   */
  prefetchShipped(keys: string[]): void {
    if (this.shippedReady || !this.shippedPath || !this.shippedFiles) return;
    const missing = keys.filter((key) => {
      try {
        statSync(this.fileFor(key));
        return false;
      } catch {
        return true;
      }
    });
    const archive = missing.length > 0 ? this.shippedArchive() : undefined;
    if (!archive) return;
    const wanted = Math.max(...missing.map((key) => archive.index.contexts.findIndex((context) => context.key === key)));
    if (wanted < 0) return;
    this.shippedReady = new Promise((resolve) => {
      brotliDecompress(archive.stream.subarray(0, archive.index.contexts[wanted].end), { finishFlush: zlibConstants.BROTLI_OPERATION_FLUSH }, (error, files) => {
        try {
          if (error) throw error;
          this.keepShippedFiles(archive.index, wanted, files);
        } catch (failure) {
          this.shippedUnreadable(failure);
        }
        resolve();
      });
    });
  }

  /** Settles once the decompression `prefetchShipped` started is done (at once when none was). */
  shippedReady: Promise<void> | undefined;

  /**
   * Takes the shipped files the Predictor decompressed while this worker started (see
   * decompressShippedContexts), instead of decompressing them here: `load` waits for them.
   */
  adoptShipped(decompressed: Promise<DecompressedShippedContexts | null>): void {
    if (this.shippedReady || !this.shippedPath || !this.shippedFiles) return;
    this.shippedReady = decompressed.then((result) => {
      if (!result || result.build !== this.buildHash) return;
      for (const [key, bytes] of result.files) this.shippedFiles?.set(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }, () => undefined);
  }

  /** The shipped archive's index and compressed stream, or undefined (none, another build's, or unreadable: then never read again). */
  private shippedArchive(): { index: ShippedContextsIndex; stream: Buffer } | undefined {
    if (!this.shippedPath || !this.shippedFiles) return undefined;
    try {
      const archive = readFileSync(this.shippedPath);
      const indexLength = archive.readUInt32LE(0);
      const index = JSON.parse(archive.subarray(4, 4 + indexLength).toString('utf8')) as ShippedContextsIndex;
      if (index.build === this.buildHash) return { index, stream: archive.subarray(4 + indexLength) };
      this.shippedFiles = null;
    } catch (error) {
      this.shippedUnreadable(error);
    }
    return undefined;
  }

  /** Splits the decompressed prefix (the files up to the `wanted`-th) into files, by key. */
  private keepShippedFiles(index: ShippedContextsIndex, wanted: number, files: Buffer): void {
    let offset = 0;
    for (const { key } of index.contexts.slice(0, wanted + 1)) {
      const fileLength = contextFileLength(files, offset);
      this.shippedFiles?.set(key, files.subarray(offset, offset + fileLength));
      offset += fileLength;
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
      const full: PersistedContextHeader = { ...header, key, length: memory.length, pages: memory.pages, digest: digestOf(bytes), byteLength: bytes.length };
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

/** A cache file's header and memory, checked: made for `key`, complete, and with the digest its header records. */
function parseContextFile(data: Buffer, key: string): { header: PersistedContextHeader; memory: SparseMemory } {
  if (data.length < 4) throw new Error('too short');
  const headerLength = data.readUInt32LE(0);
  if (4 + headerLength > data.length) throw new Error('truncated header');
  const header = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')) as PersistedContextHeader;
  const bytes = data.subarray(4 + headerLength);
  if (header.key !== key) throw new Error('made for another context');
  if (bytes.length !== header.byteLength) throw new Error('truncated memory');
  if (!Array.isArray(header.pages) || typeof header.length !== 'number') throw new Error('an older file format');
  if (digestOf(bytes) !== header.digest) throw new Error('memory digest mismatch');
  return { header, memory: { length: header.length, pages: header.pages, held: bytes } };
}
