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

import { createHash } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  /** Digest and length of the memory bytes that follow the header. */
  digest: string;
  byteLength: number;
}

export interface PersistedContext {
  header: PersistedContextHeader;
  bytes: Uint8Array;
}

/** Files kept per engine build: each is a few megabytes (one per model and module goal is all there is). */
const MAX_FILES = 8;
const SUFFIX = '.ctx';
const TEMPORARY_SUFFIX = '.tmp';
/** A temporary file this old was left by a process that stopped while writing (another may be writing one now). */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

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

  private constructor(
    private readonly directory: string,
    /** Hash of everything a persisted context depends on: the sandbox, the worker, the Node version. */
    private readonly buildHash: string,
    private readonly log: (message: string) => void,
  ) {}

  /** The cache for this build, or null when persistence is turned off. */
  static open(buildInputs: (string | Uint8Array)[], log: (message: string) => void): ContextCache | null {
    const configured = process.env.LOOPLENS_CONTEXT_CACHE;
    if (configured === 'off') return null;
    const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
    const directory = configured || join(tmpdir(), `looplens-contexts-${user}`);
    const hash = createHash('sha1');
    for (const input of buildInputs) hash.update(input);
    hash.update(process.version);
    return new ContextCache(directory, hash.digest('hex').slice(0, 16), log);
  }

  private fileFor(key: string): string {
    return join(this.directory, `${this.buildHash}-${createHash('sha1').update(key).digest('hex').slice(0, 16)}${SUFFIX}`);
  }

  /** The persisted context for `key`, or null (missing, from another build, or damaged: logged). */
  load(key: string): PersistedContext | null {
    const file = this.fileFor(key);
    let data: Buffer;
    try {
      this.ensureDirectory();
      data = readFileSync(file);
    } catch {
      return null;
    }
    try {
      if (data.length < 4) throw new Error('too short');
      const headerLength = data.readUInt32LE(0);
      if (4 + headerLength > data.length) throw new Error('truncated header');
      const header = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')) as PersistedContextHeader;
      const bytes = data.subarray(4 + headerLength);
      if (header.key !== key) throw new Error('made for another context');
      if (bytes.length !== header.byteLength) throw new Error('truncated memory');
      if (digestOf(bytes) !== header.digest) throw new Error('memory digest mismatch');
      return { header, bytes };
    } catch (error) {
      this.log(`LoopLens: ignoring the damaged prepared context ${file} (${(error as Error).message}); preparing from scratch.`);
      this.remove(file);
      return null;
    }
  }

  /** Writes a context for `key` (atomically: a reader sees the old file or the whole new one). Failures are logged, never thrown. */
  save(key: string, header: Omit<PersistedContextHeader, 'key' | 'digest' | 'byteLength'>, bytes: Uint8Array): void {
    const file = this.fileFor(key);
    try {
      this.ensureDirectory();
      const full: PersistedContextHeader = { ...header, key, digest: digestOf(bytes), byteLength: bytes.length };
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
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    // Another user's directory of the same name is not trusted: its files would run in our engine.
    // lstat, not stat: a symbolic link planted under our name could point at a directory we own
    // elsewhere, whose files prune() would then delete.
    const status = lstatSync(this.directory);
    if (!status.isDirectory()) throw new Error('the path is not a directory (a symbolic link?)');
    if (typeof process.getuid === 'function' && status.uid !== process.getuid()) throw new Error('the directory belongs to another user');
    if ((status.mode & 0o022) !== 0) throw new Error('the directory is writable by other users');
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
