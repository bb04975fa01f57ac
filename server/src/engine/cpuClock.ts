// CPU time of the calling thread, for the engine's time budget. Wall time is useless on a busy
// machine, and process.cpuUsage() counts every thread of the process, including V8's background
// threads that compile the QuickJS wasm module when a worker starts (measured: hundreds of ms,
// enough to exhaust a small budget before the program printed anything). On Linux the thread's own
// counters are in /proc/thread-self/stat; reading them costs a system call, so the value is
// refreshed at most every few milliseconds of wall time. Elsewhere the process-wide figure is used.
//
// The thread's own time alone undercounts a run, though: the garbage the host side makes for every
// job of a promise, nextTick or timer storm is collected by V8's platform threads (shared by every
// isolate of the process), and the hot QuickJS interpreter functions are recompiled there too.
// Measured on a 1 s budget: the worker thread stopped at 1010 ms while those threads had spent
// another 100-300 ms, so the run overran its budget by that much. budgetCpuMs() adds them.

import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream configuration. */
const TICKS_PER_SECOND = 100;
const REFRESH_MS = 5;

let threadStatReadable: boolean | undefined;
let cachedCpuMs = 0;
let cachedAt = -Infinity;

function readThreadCpuMs(): number | undefined {
  if (threadStatReadable === false) return undefined;
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('unexpected /proc format');
    threadStatReadable = true;
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    threadStatReadable = false;
    return undefined;
  }
}

/** Milliseconds of CPU time used so far by this thread (or, where that is unknown, this process). */
export function threadCpuMs(): number {
  const now = performance.now();
  if (now - cachedAt < REFRESH_MS) return cachedCpuMs;
  cachedAt = now;
  const thread = readThreadCpuMs();
  if (thread !== undefined) {
    cachedCpuMs = thread;
  } else {
    const usage = process.cpuUsage();
    cachedCpuMs = (usage.user + usage.system) / 1000;
  }
  return cachedCpuMs;
}

/** The fields of a /proc stat line after the command name: field n of proc(5) is index n - 3. */
function statFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

const cpuOfFields = (fields: string[]) => ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;

/**
 * The process's V8 platform threads: the first batch of threads Node starts after the main thread,
 * before any script runs (the worker pool and its delayed-task thread). Threads started later
 * (libuv's pool, worker_threads such as the language server's analysis worker) are other work and
 * are not charged to a run. The batch is found by start time: the earliest start among the other
 * threads, within one clock tick.
 */
let helperThreads: string[] | undefined;
function findHelperThreads(): string[] {
  try {
    const main = String(process.pid);
    const self = readlinkSync('/proc/thread-self').split('/').pop();
    const others = readdirSync('/proc/self/task')
      .filter((tid) => tid !== main && tid !== self)
      .map((tid) => ({ tid, start: Number(statFields(`/proc/self/task/${tid}/stat`)[19]) }));
    const first = Math.min(...others.map((thread) => thread.start));
    return others.filter((thread) => thread.start <= first + 1).map((thread) => thread.tid);
  } catch {
    return [];
  }
}

let cachedBudgetMs = 0;
let budgetCachedAt = -Infinity;

/**
 * CPU milliseconds charged to the engine's time budget: this thread's own time plus the time of
 * the V8 platform threads that collect its garbage and compile its code (see the header). Only
 * differences of this value mean anything. Where /proc is missing it is the process-wide figure,
 * which already includes every thread.
 */
export function budgetCpuMs(): number {
  const now = performance.now();
  if (now - budgetCachedAt < REFRESH_MS) return cachedBudgetMs;
  const own = threadCpuMs();
  if (threadStatReadable !== true) return own;
  budgetCachedAt = now;
  helperThreads ??= findHelperThreads();
  let helpers = 0;
  for (const tid of helperThreads) {
    try {
      helpers += cpuOfFields(statFields(`/proc/self/task/${tid}/stat`));
    } catch {
      // A thread that ended has no more time to add.
    }
  }
  cachedBudgetMs = own + helpers;
  return cachedBudgetMs;
}
