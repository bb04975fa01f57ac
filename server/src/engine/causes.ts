// Turning a causal record into the one-sentence `why` every output line carries. Kept apart from
// the loop so the wording can evolve without touching the scheduling code.

import type { CausalRecord, OutputSource } from './types';

const QUEUE_WORDS: Record<OutputSource, string> = {
  main: 'the main script',
  nextTick: 'the nextTick queue',
  microtask: 'the microtask queue',
  timers: 'the timers phase',
  poll: 'the poll phase',
  check: 'the check phase',
  close: 'the close-callbacks phase',
  task: 'a task',
  animationFrame: 'the rendering step (requestAnimationFrame)',
};

function at(cause: CausalRecord): string {
  return cause.scheduledAt ? ` at line ${cause.scheduledAt.line}` : '';
}

/** "a .then callback registered at line 6", "queued by process.nextTick at line 8", ... */
export function describeScheduling(cause: CausalRecord, detail = ''): string {
  const api = cause.scheduledBy ?? '';
  const extra = detail ? ` (${detail})` : '';
  if (api === 'await') return `the continuation of the await${at(cause)}`;
  if (api === '.then' || api === '.catch' || api === '.finally') return `a ${api} callback registered${at(cause)}`;
  if (api.startsWith('Promise.')) return `a step of ${api}${at(cause)}`;
  if (api === 'process.nextTick' || api === 'queueMicrotask') return `queued by ${api}${at(cause)}`;
  if (api === 'a promise reaction') return 'a promise job (an await continuation or an internal promise step)';
  return `scheduled by ${api}${at(cause)}${extra}`;
}

/** The callback a parent record describes, as a noun phrase ("the setTimeout callback at line 2"). */
export function callbackPhrase(cause: CausalRecord | null): string {
  if (!cause || cause.scheduledBy === null) return 'the main script';
  const api = cause.scheduledBy;
  if (api === 'await') return `the async function resumed at line ${cause.scheduledAt?.line ?? '?'}`;
  return `the ${api.replace(/^\./, '')} callback${at(cause)}`;
}

/**
 * One sentence: who scheduled the callback that printed, into which queue, and when it ran.
 * `detail` adds model-specific facts (the normalised delay of a timer); `drainedAfter` names the
 * callback after which a nextTick/microtask drain ran.
 */
export function describeCause(cause: CausalRecord, detail = '', drainedAfter: CausalRecord | null = null): string {
  if (cause.scheduledBy === null) {
    return cause.queue === 'task' ? 'printed synchronously by the script (the page\'s first task)' : 'printed synchronously by the main script';
  }
  const parent = cause.parent && cause.parent.scheduledBy !== null ? `, from inside ${callbackPhrase(cause.parent)}` : '';
  const scheduled = `${describeScheduling(cause, detail)}${parent}`;
  const loop = cause.loopIteration > 0 ? ` of loop ${cause.loopIteration}` : '';
  let ran: string;
  switch (cause.queue) {
    case 'nextTick':
    case 'microtask':
      ran = `ran in ${QUEUE_WORDS[cause.queue]}, drained after ${callbackPhrase(drainedAfter)}${loop}`;
      break;
    case 'task':
      ran = `ran as task ${cause.loopIteration} at ${formatMs(cause.virtualTimeMs)}`;
      break;
    case 'animationFrame':
      ran = `ran in ${QUEUE_WORDS[cause.queue]} at ${formatMs(cause.virtualTimeMs)}`;
      break;
    default:
      ran = `ran in ${QUEUE_WORDS[cause.queue]}${loop} at ${formatMs(cause.virtualTimeMs)}`;
  }
  return `${capitalize(scheduled)}; ${ran}.`;
}

function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

export function formatMs(ms: number): string {
  const rounded = Math.round(ms * 1000) / 1000;
  return `${rounded} ms`;
}
