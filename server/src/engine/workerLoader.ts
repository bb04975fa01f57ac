// The engine worker's entry (dist/engine-worker.js): loads the worker bundle
// (dist/engine-worker-main.js, built from worker.ts) with a V8 code cache.
//
// Compiling the megabyte bundle, and then each function it calls while the worker starts, is a
// good part of a worker's start-up CPU (the script alone: 12-26 ms on the loaded development
// machine, 2 ms from a cache). Node 20 has no module compile cache, so the bundle is compiled with
// node:vm and the code V8 produced for it is kept next to the prepared contexts (contextCache.ts),
// written once the worker has answered its first run, so the functions a run needs are in it. The
// cache is made by the Node that uses it: V8 refuses data from another version or other flags, but
// of the source text it checks only the length, so the file is named by a digest of the text
// (contextCache.ts workerCodeCacheFile), which the Predictor computes and hands over.
// None is shipped: the build's Node is not the editor's. A worker started without a cache file (a
// fresh install) gets one for the bundle's top level from the Predictor, which compiles the bundle
// while this thread boots (index.ts sendBundleCodeCache); it still writes the full one after its run.

import type * as Crypto from 'node:crypto';
import { readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { contextDirectory, ensureOwnDirectory, workerBundleDigest, workerCodeCacheFile, WORKER_CODE_CACHE_PREFIX, WORKER_CODE_CACHE_SUFFIX, wrapWorkerBundle } from './contextCache';
import { WORKER_BUNDLE_FILE, type HandedCodeCache, type WorkerData } from './workerProtocol';

const bundlePath = join(__dirname, WORKER_BUNDLE_FILE);
const source = readFileSync(bundlePath, 'utf8');

/**
 * SHA-1 for the file written after the first run (contextCache.ts codeCacheOf reads it), with
 * node:crypto loaded then: a worker whose cache the Predictor checked, or that has none, does not
 * load it on its way to the first answer (3.6-5.2 ms of a fresh worker thread, measured).
 */
function sha1(data: Buffer): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof Crypto).createHash('sha1').update(data).digest();
}

const codeCachePort = (workerData as WorkerData | null)?.codeCachePort;
/**
 * Posted by the Predictor right after it handed over the context files, so it is here unless
 * making it failed or took longer than this thread's bootstrap; never waited for.
 */
const handed = codeCachePort ? (receiveMessageOnPort(codeCachePort)?.message as HandedCodeCache | undefined) : undefined;
codeCachePort?.close();
const handedData = handed?.data instanceof Uint8Array ? handed.data : undefined;

/** The Predictor's message is about the text read here (not a bundle replaced in between, as far as its length tells). */
const handedFits = handed !== undefined && handed.sourceLength === source.length && typeof handed.bundleDigest === 'string';

let file: string | null = null;
let cachedData: Uint8Array | undefined;
try {
  // Without the Predictor's digest no file is read: hashing the text here would load node:crypto
  // on the way to the first answer (saveCodeCache names the file it writes by its own digest).
  file = handedFits ? workerCodeCacheFile(handed.bundleDigest) : null;
  if (file) {
    // A cache is code: only from a directory no one else can write to. A directory that fails the
    // check is neither read nor written (a planted symbolic link would receive our write).
    try {
      ensureOwnDirectory(join(file, '..'));
    } catch {
      file = null;
    }
  }
  // The file as the Predictor read it from this directory and checked.
  if (file && handed?.kind === 'file' && handedData) cachedData = handedData;
} catch {
  cachedData = undefined;
}
/** The code cache is the Predictor's of the bundle's top level: the full one is still to be written. */
const handedCache = cachedData === undefined && handedFits && handed.kind === 'top-level' && handedData !== undefined;
if (handedCache) cachedData = handedData;

const script = new Script(wrapWorkerBundle(source), { filename: bundlePath, cachedData });
/** Whether contexts are kept at all (else no code cache is written either). */
const keepsCaches = contextDirectory() !== null;
let savedOnce = false;
const needsCache = keepsCaches && (cachedData === undefined || handedCache || script.cachedDataRejected === true);

/** Writes the code cache once (the worker calls it after answering its first run); a failure only costs the next start its speed. */
function saveCodeCache(): void {
  if (!needsCache || savedOnce) return;
  savedOnce = true;
  try {
    // Named by the digest of the text compiled here, whatever the Predictor read.
    const target = workerCodeCacheFile(workerBundleDigest(source));
    if (!target) return;
    ensureOwnDirectory(join(target, '..'));
    const temporary = `${target}.${process.pid}.tmp`;
    const data = script.createCachedData();
    // 'wx': never through a file that is already there (a link planted under the temporary name).
    writeFileSync(temporary, Buffer.concat([sha1(data), data]), { mode: 0o600, flag: 'wx' });
    renameSync(temporary, target);
    // Caches of older bundles or other Node versions.
    const directory = join(target, '..');
    for (const name of readdirSync(directory)) {
      if (name.startsWith(WORKER_CODE_CACHE_PREFIX) && name.endsWith(WORKER_CODE_CACHE_SUFFIX) && join(directory, name) !== target) unlinkSync(join(directory, name));
    }
  } catch {
    // Not kept: the next worker compiles the bundle as this one did.
  }
}

const bundleModule = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(bundleModule.exports, require, bundleModule, bundlePath, __dirname, saveCodeCache);
