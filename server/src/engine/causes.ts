// Turning a causal record into the one-sentence `why` every output line carries. Kept apart from
// the loop so the wording can evolve (and be tested) without touching the scheduling code.

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

function where(cause: CausalRecord): string {
  return cause.scheduledAt ? ` at line ${cause.scheduledAt.line}` : '';
}

/** What ran before, in a few words, for chained causes ("inside the setTimeout callback at line 3"). */
function parentPhrase(parent: CausalRecord | null): string {
  if (!parent || parent.scheduledBy === null) return '';
  return ` inside the ${parent.scheduledBy} callback${where(parent)}`;
}

/**
 * One sentence: who scheduled the callback that printed, into which queue, and when it ran.
 * `detail` adds model-specific facts (the normalised delay of a timer, for example).
 */
export function describeCause(cause: CausalRecord, detail = ''): string {
  if (cause.scheduledBy === null) {
    return cause.queue === 'task' ? 'printed synchronously by the script, the first task' : 'printed synchronously by the main script';
  }
  const scheduled = `scheduled by ${cause.scheduledBy}${where(cause)}${parentPhrase(cause.parent)}${detail ? ` (${detail})` : ''}`;
  const loop = cause.loopIteration > 0 ? ` of loop ${cause.loopIteration}` : '';
  let ran: string;
  switch (cause.queue) {
    case 'nextTick':
    case 'microtask':
      ran = cause.loopIteration > 0
        ? `ran in ${QUEUE_WORDS[cause.queue]} drained after a callback${loop}`
        : `ran in ${QUEUE_WORDS[cause.queue]} drained after the main script`;
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
  return `${scheduled}; ${ran}`;
}

export function formatMs(ms: number): string {
  const rounded = Math.round(ms * 1000) / 1000;
  return `${rounded} ms`;
}
