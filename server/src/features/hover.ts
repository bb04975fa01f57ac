// Hovers that explain order: on a console call, which output line(s) it becomes and why; on a
// scheduling API (setTimeout, process.nextTick, then, await, ...), what it queues, model by model,
// and which predicted output lines came from callbacks scheduled right there. Markdown, short
// summary first, details below. Pure: source scan + prediction in, LSP Hover out.
import * as l10n from '@vscode/l10n';
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CausalRecord, ModelName, ModelResult, OutputLine, StopReason } from '../engine/types';
import { localizedWhy } from './localize';
import { printingsByCall, unstableIndexes } from './outputMap';
import type { SchedulingApi, SchedulingSite, SourceScan } from './sourceScan';

const NODE_EVENT_LOOP_DOC = 'https://nodejs.org/en/learn/asynchronous-work/event-loop-timers-and-nexttick';
const BROWSER_EVENT_LOOP_DOC = 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Event_loop';

/** One short sentence per API. Functions so that `l10n.t` runs after the bundle is configured. */
function apiSummary(api: SchedulingApi): string {
  switch (api) {
    case 'setTimeout': return l10n.t('Schedules a callback on a timer (a macrotask).');
    case 'setInterval': return l10n.t('Schedules a callback repeatedly on a timer (a macrotask each time).');
    case 'setImmediate': return l10n.t("Schedules a callback for the check phase of Node's event loop.");
    case 'nextTick': return l10n.t("Queues a callback on Node's nextTick queue, which runs before promise jobs.");
    case 'queueMicrotask': return l10n.t('Queues a microtask, in the same queue as promise reactions.');
    case 'then':
    case 'catch':
    case 'finally': return l10n.t('Registers a promise reaction: it runs as a microtask once the promise settles.');
    case 'await': return l10n.t('Suspends the async function; the rest of it resumes later as a microtask.');
    case 'async': return l10n.t('An async function runs synchronously until its first await, and always returns a promise.');
    case 'requestAnimationFrame': return l10n.t('Runs the callback before the next repaint (browsers only).');
    case 'emit': return l10n.t('Calls every listener synchronously, in registration order: nothing is queued.');
    case 'require': return l10n.t("Loads a CommonJS module synchronously, running its top-level code now; later calls get the cached (possibly still partial) exports.");
    case 'import': return l10n.t('Imports are evaluated before the importing module body, depth-first; the bindings are live. import() loads asynchronously and settles in a later microtask.');
    case 'promise': return l10n.t('The executor runs synchronously, right now; only the then/catch/finally callbacks are asynchronous.');
  }
}

/** What the API means under one model; undefined when there is nothing model-specific to say. */
function apiDetail(api: SchedulingApi, model: ModelName): string | undefined {
  const browser = model === 'browser';
  const legacy = model === 'node-legacy';
  switch (api) {
    case 'setTimeout':
    case 'setInterval':
      if (browser) return l10n.t('Runs as a separate task; the microtask queue is drained right after it. Nested 5 or more levels deep, the delay is clamped to at least 4 ms.');
      if (legacy) return l10n.t('Runs in the timers phase; nextTick callbacks and promise jobs it queues wait until every due timer of that phase has run (Node before 11).');
      return l10n.t('Runs in the timers phase once its delay (at least 1 ms) has elapsed; after each timer callback Node drains the nextTick queue, then the promise jobs.');
    case 'setImmediate':
      if (browser) return l10n.t('Not available in browsers.');
      if (legacy) return l10n.t('Runs in the check phase; nextTick callbacks and promise jobs it queues wait until the whole check phase has run (Node before 11).');
      return l10n.t('Runs in the check phase, after the poll phase. At top level its order against setTimeout(0) is not deterministic; inside an I/O callback it always runs first.');
    case 'nextTick':
      if (browser) return l10n.t('`process` does not exist in browsers: this throws a ReferenceError.');
      if (model === 'node-esm') return l10n.t('In an ES module the top-level code itself runs inside a promise job, so promise callbacks queued at top level run before nextTick callbacks.');
      return l10n.t('Runs as soon as the current operation finishes: all nextTick callbacks, then all promise jobs, repeated until both queues are empty.');
    case 'queueMicrotask':
    case 'then':
    case 'catch':
    case 'finally':
    case 'await':
      if (browser) return l10n.t('Runs at the next microtask checkpoint: when the current task or callback returns and the stack is empty.');
      return l10n.t('Runs after the nextTick queue has been drained, in first-in first-out order with the other promise jobs.');
    case 'requestAnimationFrame':
      if (browser) return l10n.t('Runs in the rendering step, about every 16.7 ms; its order relative to timers is not deterministic.');
      return l10n.t('Not available in Node.');
    default:
      return undefined;
  }
}

function causeChain(cause: CausalRecord | undefined): string[] {
  const steps: string[] = [];
  for (let record: CausalRecord | null | undefined = cause; record && steps.length < 8; record = record.parent) {
    if (!record.scheduledBy) {
      steps.push(l10n.t('the main script ({0})', record.queue));
      break;
    }
    const where = record.scheduledAt ? l10n.t('line {0}', record.scheduledAt.line) : l10n.t('unknown position');
    steps.push(l10n.t('{0} at {1}, ran from the {2} queue', record.scheduledBy, where, record.queue));
  }
  return steps;
}

function quoteOutput(text: string): string {
  // A fenced block cannot be closed by user text that contains no backtick fence of this length.
  const fence = text.includes('```') ? '````' : '```';
  return `${fence}text\n${text}\n${fence}`;
}

function outputLineDetail(line: OutputLine, position: number, unstable: boolean): string[] {
  const parts = [`**#${position}**${unstable ? ' ?' : ''} ${line.stream === 'stderr' ? '(stderr)' : ''}`, quoteOutput(line.text), localizedWhy(line)];
  const chain = causeChain(line.cause);
  if (chain.length > 1) parts.push(l10n.t('Causal chain: {0}', chain.join(' ← ')));
  if (line.varying) parts.push(l10n.t('The printed value depends on the clock or on randomness.'));
  return parts;
}

/** Why a run ended early, in words (the `stopped` code itself is for programs). */
function stopReasonText(reason: NonNullable<StopReason>): string {
  switch (reason) {
    case 'time-budget': return l10n.t('the time budget ran out');
    case 'memory': return l10n.t('the memory budget ran out');
    case 'output-limit': return l10n.t('the output budget ran out');
    case 'virtual-time': return l10n.t('the virtual-time budget ran out');
    case 'unsupported': return l10n.t('the program uses something LoopLens does not model');
    case 'file-size': return l10n.t('a module the program loads is larger than the file-size budget');
  }
}

function modelFooter(result: ModelResult): string[] {
  const lines: string[] = [];
  // A file over the size budget was never run: it did not stop early, it has no run at all.
  if (result.exitCode === null) lines.push(l10n.t('Not run: the file is larger than the file-size budget.'));
  else if (result.stopped) lines.push(l10n.t('Prediction stopped early: {0}.', stopReasonText(result.stopped)));
  if (!result.deterministic) lines.push(l10n.t('The real runtime may print these lines in another order.'));
  return lines;
}

/** Hover for a console call at `offset`, or undefined when the offset is not on one. */
export function consoleHover(
  document: TextDocument,
  scan: SourceScan,
  offset: number,
  models: readonly ModelName[],
  results: Partial<Record<ModelName, ModelResult>>,
): Hover | undefined {
  let callIndex = -1;
  scan.consoleCalls.forEach((call, index) => {
    if (call.start <= offset && offset <= call.end && (callIndex < 0 || call.end - call.start < scan.consoleCalls[callIndex].end - scan.consoleCalls[callIndex].start)) callIndex = index;
  });
  if (callIndex < 0) return undefined;
  const call = scan.consoleCalls[callIndex];
  const shown = models.filter((m) => results[m]);
  const printings = printingsByCall(scan.consoleCalls, document, shown, results).get(callIndex) ?? [];
  const summary = shown.map((model) => {
    const own = printings.filter((p) => p.model === model);
    return own.length > 0 ? `${model} ${own.map((p) => `#${p.position}`).join(' ')}` : l10n.t('{0}: not printed', model);
  });
  const sections: string[] = [shown.length > 0 ? l10n.t('**LoopLens** — output line: {0}', summary.join(' · ')) : l10n.t('**LoopLens** — no prediction yet for this file.')];
  for (const model of shown) {
    const own = printings.filter((p) => p.model === model);
    sections.push('---', `**${model}**`);
    if (own.length === 0) sections.push(l10n.t('This call does not print under this model (it is never reached, or the run stopped first).'));
    for (const p of own.slice(0, 5)) sections.push(...outputLineDetail(p.line, p.position, p.unstable));
    if (own.length > 5) sections.push(l10n.t('… and {0} more times.', own.length - 5));
    sections.push(...modelFooter(results[model] as ModelResult));
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n') },
    range: { start: document.positionAt(call.start), end: document.positionAt(call.end) },
  };
}

function scheduledHere(site: SchedulingSite, document: TextDocument, result: ModelResult): { position: number; text: string; unstable: boolean }[] {
  const siteLine = document.positionAt(site.callStart).line + 1;
  const unstable = unstableIndexes(result);
  const found: { position: number; text: string; unstable: boolean }[] = [];
  result.output.forEach((line, index) => {
    for (let record: CausalRecord | null | undefined = line.cause; record; record = record.parent) {
      if (record.scheduledAt?.line === siteLine) {
        found.push({ position: index + 1, text: line.text, unstable: unstable[index] });
        return;
      }
    }
  });
  return found;
}

/** Hover for a scheduling API token at `offset`, or undefined when the offset is not on one. */
export function schedulingHover(
  document: TextDocument,
  scan: SourceScan,
  offset: number,
  models: readonly ModelName[],
  results: Partial<Record<ModelName, ModelResult>>,
): Hover | undefined {
  const site = scan.schedulingSites.find((s) => s.start <= offset && offset <= s.end);
  if (!site) return undefined;
  const sections: string[] = [`**${site.api === 'promise' ? 'new Promise' : site.api}** — ${apiSummary(site.api)}`];
  for (const model of models) {
    const detail = apiDetail(site.api, model);
    const result = results[model];
    const fromHere = result ? scheduledHere(site, document, result) : [];
    if (!detail && fromHere.length === 0) continue;
    const lines = [`**${model}**`];
    if (detail) lines.push(detail);
    if (fromHere.length > 0) {
      const listed = fromHere.slice(0, 6).map((f) => `#${f.position}${f.unstable ? '?' : ''} \`${f.text.replace(/`/g, "'").slice(0, 40)}\``).join(', ');
      lines.push(l10n.t('Predicted output from callbacks scheduled here: {0}', fromHere.length > 6 ? `${listed}, …` : listed));
    }
    sections.push('---', lines.join('\n\n'));
  }
  const links = [`[Node.js event loop](${NODE_EVENT_LOOP_DOC})`];
  if (models.includes('browser')) links.push(`[MDN: event loop](${BROWSER_EVENT_LOOP_DOC})`);
  sections.push('---', links.join(' · '));
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n') },
    range: { start: document.positionAt(site.start), end: document.positionAt(site.end) },
  };
}

const HOISTING_DOC = 'https://developer.mozilla.org/en-US/docs/Glossary/Hoisting';
const TDZ_DOC = 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Statements/let#temporal_dead_zone_tdz';

/** Hover on a declared name: what the creation phase does with it, and where its TDZ is. */
export function declarationHover(document: TextDocument, scan: SourceScan, offset: number): Hover | undefined {
  const declaration = scan.declarations.find((d) => d.start <= offset && offset <= d.end);
  if (!declaration) return undefined;
  const name = `\`${declaration.name}\``;
  const declaredLine = document.positionAt(declaration.start).line + 1;
  const scopeLine = document.positionAt(declaration.scopeStart).line + 1;
  const scope = declaration.functionScope ? l10n.t('its function (or the file)') : l10n.t('its block');
  const sections: string[] = [];
  switch (declaration.kind) {
    case 'var':
      sections.push(
        l10n.t('**Hoisted as `undefined`.** {0} exists in the whole of {1} from the creation phase on; reading it before this line gives `undefined`, not an error.', name, scope),
        l10n.t('Creation phase: the variable object gets {0} = `undefined`. Execution phase: the value is assigned when line {1} runs.', name, declaredLine),
      );
      break;
    case 'function':
      sections.push(
        l10n.t('**Hoisted whole.** {0} is created with its body during the creation phase of {1}, so it can be called even on lines before this one.', name, scope),
      );
      break;
    default:
      sections.push(
        l10n.t('**Hoisted, but uninitialised: the temporal dead zone.** {0} belongs to {1} from its first line, yet reading or writing it before line {2} has run throws a ReferenceError (`Cannot access {3} before initialization`).', name, scope, declaredLine, `'${declaration.name}'`),
        l10n.t('TDZ window: from line {0} until the declaration on line {1} runs. A function that reads {2} is safe to define earlier, but not to call earlier.', scopeLine, declaredLine, name),
      );
      break;
  }
  sections.push('---', declaration.kind === 'var' || declaration.kind === 'function' ? `[MDN: hoisting](${HOISTING_DOC})` : `[MDN: temporal dead zone](${TDZ_DOC})`);
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n') },
    range: { start: document.positionAt(declaration.start), end: document.positionAt(declaration.end) },
  };
}

/** The hover at a position: a scheduling API token wins over the console call whose arguments contain it. */
export function buildHover(
  document: TextDocument,
  scan: SourceScan,
  offset: number,
  models: readonly ModelName[],
  results: Partial<Record<ModelName, ModelResult>>,
): Hover | null {
  return schedulingHover(document, scan, offset, models, results) ?? consoleHover(document, scan, offset, models, results) ?? declarationHover(document, scan, offset) ?? null;
}
