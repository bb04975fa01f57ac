// Turning a causal record into the one-sentence `why` every output line carries. Kept apart from
// the loop so the wording can evolve without touching the scheduling code. The sentence is built as
// a localisable message (syntax/message.ts): the engine keeps the English text in `why` for the CLI
// contract and hands the message itself to the editor, which renders it in the user's language.

import { englishText, msg, type LocalizableMessage } from '../syntax/message';
import type { CausalRecord, OutputSource } from './types';

/** The queue or phase a callback waited in, as a noun phrase. Functions so every template is a literal. */
function queuePhrase(queue: OutputSource): LocalizableMessage {
  switch (queue) {
    case 'main': return msg('the main script');
    case 'nextTick': return msg('the nextTick queue');
    case 'microtask': return msg('the microtask queue');
    case 'timers': return msg('the timers phase');
    case 'poll': return msg('the poll phase');
    case 'check': return msg('the check phase');
    case 'close': return msg('the close-callbacks phase');
    case 'task': return msg('a task');
    case 'animationFrame': return msg('the rendering step (requestAnimationFrame)');
  }
}

/** ` at line 6` after an API name, or nothing when the scheduling call's position is unknown. */
function at(cause: CausalRecord): LocalizableMessage | string {
  return cause.scheduledAt ? msg(' at line {0}', cause.scheduledAt.line) : '';
}

/** "A .then callback registered at line 6", "Queued by process.nextTick at line 8", ... (sentence start). */
export function describeScheduling(cause: CausalRecord, detail = ''): LocalizableMessage {
  const api = cause.scheduledBy ?? '';
  if (api === 'await') return msg('The continuation of the await{0}', at(cause));
  if (api === '.then' || api === '.catch' || api === '.finally') return msg('A {0} callback registered{1}', api, at(cause));
  if (api.startsWith('Promise.')) return msg('A step of {0}{1}', api, at(cause));
  if (api === 'process.nextTick' || api === 'queueMicrotask') return msg('Queued by {0}{1}', api, at(cause));
  if (api === 'a promise reaction') return msg('A promise job (an await continuation or an internal promise step)');
  return msg('Scheduled by {0}{1}{2}', api, at(cause), detail ? msg(' ({0})', detail) : '');
}

/** The callback a parent record describes, as a noun phrase ("the setTimeout callback at line 2"). */
export function callbackPhrase(cause: CausalRecord | null): LocalizableMessage {
  if (!cause || cause.scheduledBy === null) return msg('the main script');
  const api = cause.scheduledBy;
  if (api === 'await') return msg('the async function resumed at line {0}', cause.scheduledAt?.line ?? '?');
  return msg('the {0} callback{1}', api.replace(/^\./, ''), at(cause));
}

/**
 * One sentence: who scheduled the callback that printed, into which queue, and when it ran.
 * `detail` adds model-specific facts (the normalised delay of a timer); `drainedAfter` names the
 * callback after which a nextTick/microtask drain ran.
 */
export function describeCauseMessage(cause: CausalRecord, detail = '', drainedAfter: CausalRecord | null = null): LocalizableMessage {
  if (cause.scheduledBy === null) {
    return cause.queue === 'task' ? msg('printed synchronously by the script (the page\'s first task)') : msg('printed synchronously by the main script');
  }
  const parent = cause.parent && cause.parent.scheduledBy !== null ? msg(', from inside {0}', callbackPhrase(cause.parent)) : '';
  const loop = cause.loopIteration > 0 ? msg(' of loop {0}', cause.loopIteration) : '';
  let ran: LocalizableMessage;
  switch (cause.queue) {
    case 'nextTick':
    case 'microtask':
      ran = msg('ran in {0}, drained after {1}{2}', queuePhrase(cause.queue), callbackPhrase(drainedAfter), loop);
      break;
    case 'task':
      ran = msg('ran as task {0} at {1}', cause.loopIteration, formatMs(cause.virtualTimeMs));
      break;
    case 'animationFrame':
      ran = msg('ran in {0} at {1}', queuePhrase(cause.queue), formatMs(cause.virtualTimeMs));
      break;
    default:
      ran = msg('ran in {0}{1} at {2}', queuePhrase(cause.queue), loop, formatMs(cause.virtualTimeMs));
  }
  return msg('{0}{1}; {2}.', describeScheduling(cause, detail), parent, ran);
}

/** The English sentence of `describeCauseMessage` (the `why` of the CLI's JSON contract). */
export function describeCause(cause: CausalRecord, detail = '', drainedAfter: CausalRecord | null = null): string {
  return englishText(describeCauseMessage(cause, detail, drainedAfter));
}

export function formatMs(ms: number): string {
  const rounded = Math.round(ms * 1000) / 1000;
  return `${rounded} ms`;
}
