// CPU time of the calling thread, for the engine's time budget. Wall time is useless on a busy
// machine, and process.cpuUsage() counts every thread of the process, including V8's background
// threads that compile the QuickJS wasm module when a worker starts (measured: hundreds of ms,
// enough to exhaust a small budget before the program printed anything). On Linux the thread's own
// counters are in /proc/thread-self/stat; reading them costs a system call, so the value is
// refreshed at most every few milliseconds of wall time. Elsewhere the process-wide figure is used.

import { readFileSync } from 'node:fs';

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
