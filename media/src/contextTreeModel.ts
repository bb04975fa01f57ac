// The execution-context tree's model, derived from the engine's ExecutionTrace without touching
// the DOM (so it can be reasoned about on its own): the tree of nodes in run order, the timeline of
// events (enter, print, suspend, resume, leave) with the call stack at each, and the queues at each
// step: recorded by the engine when the trace has them, else derived from the printed lines.
import type { ContextRecord, ExecutionTrace, OutputLine, OutputSource, QueueContents, QueueSnapshot } from '../../server/src/engine/types';

/** One row of the tree: a context, or one resumption of a suspended async function or generator. */
export interface TreeNode {
  /** Stable key: `c<id>` for a context, `c<id>r<k>` for its k-th resumption. */
  key: string;
  context: ContextRecord;
  /** Index into `context.suspensions` of the suspension this node resumes from, or null. */
  resumption: number | null;
  children: TreeNode[];
  parent: TreeNode | null;
  depth: number;
  /** For roots only: the queue and the call that scheduled it, e.g. `timers: setTimeout at line 9`. */
  rootLabel: string | null;
}

export type TimelineEventKind = 'enter' | 'print' | 'suspend' | 'resume' | 'leave';

export interface TimelineEvent {
  kind: TimelineEventKind;
  node: TreeNode;
  line: number;
  column: number;
  /** The engine step the event happened in (coarse: the whole main script is step 0). */
  engineStep: number;
  /** Context ids on the call stack, outermost first. */
  stack: number[];
  /** For `print`: the index of the output line. */
  printIndex?: number;
  /** True for the last event of a task (its root leaves or suspends): what it queued is now waiting. */
  endOfStep: boolean;
}

export interface PendingCallback {
  queue: OutputSource;
  scheduledBy: string;
  line: number;
  column: number;
}

export interface ContextTreeModel {
  roots: TreeNode[];
  nodes: Map<string, TreeNode>;
  byId: Map<number, ContextRecord>;
  events: TimelineEvent[];
  /** For each context id, the index of the event where it was entered and where it finally left. */
  enteredAt: Map<number, number>;
  leftAt: Map<number, number>;
  output: OutputLine[];
  /** The engine's queue snapshots (one per step), when the trace recorded them. */
  queues: QueueSnapshot[] | null;
  queuesCapped: boolean;
}

export function contextKey(id: number, resumption: number | null = null): string {
  return resumption === null ? `c${id}` : `c${id}r${resumption}`;
}

/** Which segment (0 = the first run, k = the k-th resumption) an engine step belongs to. */
function segmentOf(context: ContextRecord, step: number): number {
  let segment = 0;
  context.suspensions.forEach((suspension, index) => {
    if (suspension.resumeStep !== null && step >= suspension.resumeStep) segment = index + 1;
  });
  return segment;
}

/**
 * Which segment printed a line. Async functions resume in later engine steps, so the step tells;
 * a generator resumes within the same step (whoever calls next()), so there the print's position
 * after a `yield` is the best evidence the trace offers (exact for straight-line generator bodies).
 */
function printSegment(context: ContextRecord, line: OutputLine | undefined): number {
  const resumed = context.suspensions.filter((suspension) => suspension.resumeStep !== null);
  if (resumed.every((suspension) => (suspension.resumeStep as number) > suspension.suspendStep)) return segmentOf(context, line?.cause?.runStep ?? 0);
  if (!line) return 0;
  let segment = 0;
  context.suspensions.forEach((suspension, index) => {
    if (suspension.resumeStep === null) return;
    const after = line.line > suspension.at.line || (line.line === suspension.at.line && line.column > suspension.at.column);
    if (after) segment = index + 1;
  });
  return segment;
}

/** The queue, scheduling API and line of a callback that ran at `step` from `queue`, from the output's causal records. */
function causeFor(output: OutputLine[], step: number, queue: OutputSource): PendingCallback | null {
  for (const line of output) {
    const cause = line.cause;
    if (cause && cause.runStep === step && cause.queue === queue && cause.scheduledBy) {
      return { queue, scheduledBy: cause.scheduledBy.replace(/^\./, ''), line: cause.scheduledAt?.line ?? 0, column: cause.scheduledAt?.column ?? 0 };
    }
  }
  return null;
}

export function buildModel(trace: ExecutionTrace, output: OutputLine[], lineWord: string): ContextTreeModel {
  const byId = new Map(trace.contexts.map((c) => [c.id, c] as const));
  const nodes = new Map<string, TreeNode>();
  const make = (context: ContextRecord, resumption: number | null): TreeNode => {
    const node: TreeNode = { key: contextKey(context.id, resumption), context, resumption, children: [], parent: null, depth: 0, rootLabel: null };
    nodes.set(node.key, node);
    return node;
  };
  for (const context of trace.contexts) {
    make(context, null);
    context.suspensions.forEach((suspension, index) => {
      if (suspension.resumeStep !== null) make(context, index + 1);
    });
  }
  const segmentNode = (context: ContextRecord, segment: number): TreeNode => nodes.get(contextKey(context.id, segment === 0 ? null : segment)) ?? (nodes.get(contextKey(context.id)) as TreeNode);

  // Roots are ordered by the engine step they ran at, ties broken by entry order (context ids are
  // assigned on entry, so they are the run order within a step).
  const rootEntries: { node: TreeNode; step: number; order: number }[] = [];
  for (const context of trace.contexts) {
    const caller = context.callerId === null ? undefined : byId.get(context.callerId);
    const own = nodes.get(contextKey(context.id)) as TreeNode;
    if (caller) {
      const parent = segmentNode(caller, segmentOf(caller, context.enterStep));
      own.parent = parent;
      parent.children.push(own);
    } else {
      rootEntries.push({ node: own, step: context.enterStep, order: context.id });
    }
    context.suspensions.forEach((suspension, index) => {
      if (suspension.resumeStep === null) return;
      const resumption = nodes.get(contextKey(context.id, index + 1)) as TreeNode;
      // An async function resumes later from the microtask queue: a root of its own. A generator
      // resumes inside whoever calls next(): under that context (recorded as `resumedBy`), or, in
      // traces without it, beside the generator under the context that created it.
      const resumer = suspension.resumedBy?.callerId == null ? undefined : byId.get(suspension.resumedBy.callerId);
      if (resumer) {
        const parent = segmentNode(resumer, segmentOf(resumer, suspension.resumeStep));
        resumption.parent = parent;
        parent.children.push(resumption);
      } else if (context.kind === 'generator' && caller) {
        const parent = segmentNode(caller, segmentOf(caller, suspension.resumeStep));
        resumption.parent = parent;
        parent.children.push(resumption);
      } else {
        rootEntries.push({ node: resumption, step: suspension.resumeStep, order: context.id + 0.5 });
      }
    });
  }
  rootEntries.sort((a, b) => a.step - b.step || a.order - b.order);
  const roots = rootEntries.map((entry) => entry.node);
  for (const root of roots) {
    const context = root.context;
    if (root.resumption !== null) {
      const at = context.suspensions[root.resumption - 1].at;
      const step = context.suspensions[root.resumption - 1].resumeStep ?? 0;
      const cause = causeFor(output, step, 'microtask');
      root.rootLabel = `${cause?.queue ?? 'microtask'}: ${cause?.scheduledBy ?? 'await'} ${lineWord} ${cause?.line || at.line}`;
    } else if (context.source !== 'main') {
      const cause = causeFor(output, context.enterStep, context.source);
      root.rootLabel = cause ? `${cause.queue}: ${cause.scheduledBy} ${lineWord} ${cause.line}` : context.source;
    }
  }
  const setDepth = (node: TreeNode, depth: number): void => {
    node.depth = depth;
    for (const child of node.children) setDepth(child, depth + 1);
  };
  for (const root of roots) setDepth(root, 0);

  // The timeline: a depth-first walk in run order. A context's own console lines are interleaved
  // with its callees by output index (a callee that printed line 5 ran before the caller's line 6).
  const events: TimelineEvent[] = [];
  const enteredAt = new Map<number, number>();
  const leftAt = new Map<number, number>();
  const firstPrint = new Map<string, number>();
  const minPrint = (node: TreeNode): number => {
    const cached = firstPrint.get(node.key);
    if (cached !== undefined) return cached;
    let least = Math.min(Infinity, ...printsOf(node));
    for (const child of node.children) least = Math.min(least, minPrint(child));
    firstPrint.set(node.key, least);
    return least;
  };
  const printsOf = (node: TreeNode): number[] => node.context.printed.filter((index) => printSegment(node.context, output[index]) === (node.resumption ?? 0));

  const walk = (node: TreeNode, stack: number[]): void => {
    const context = node.context;
    const here = [...stack, context.id];
    const segment = node.resumption ?? 0;
    const suspension = segment > 0 ? context.suspensions[segment - 1] : undefined;
    const startStep = suspension ? (suspension.resumeStep ?? 0) : context.enterStep;
    if (suspension) events.push({ kind: 'resume', node, line: suspension.at.line, column: suspension.at.column, engineStep: startStep, stack: here, endOfStep: false });
    else {
      enteredAt.set(context.id, events.length);
      events.push({ kind: 'enter', node, line: context.range.line, column: context.range.column, engineStep: startStep, stack: here, endOfStep: false });
    }
    const prints = printsOf(node).sort((a, b) => a - b);
    const emitPrintsBefore = (limit: number): void => {
      while (prints.length > 0 && prints[0] < limit) {
        const index = prints.shift() as number;
        const line = output[index];
        events.push({ kind: 'print', node, line: line?.line ?? 0, column: line?.column ?? 0, engineStep: line?.cause?.runStep ?? startStep, stack: here, printIndex: index, endOfStep: false });
      }
    };
    for (const child of node.children) {
      // A callee that printed nothing gives no clue about where the caller's own lines fall.
      const first = minPrint(child);
      if (first !== Infinity) emitPrintsBefore(first);
      walk(child, here);
    }
    emitPrintsBefore(Infinity);
    const next = context.suspensions[segment];
    if (next) {
      events.push({ kind: 'suspend', node, line: next.at.line, column: next.at.column, engineStep: next.suspendStep, stack: here, endOfStep: false });
    } else {
      leftAt.set(context.id, events.length);
      events.push({ kind: 'leave', node, line: context.range.endLine, column: Math.max(1, context.range.endColumn - 1), engineStep: context.exitStep ?? startStep, stack: here, endOfStep: false });
    }
    // A suspension that never resumed still leaves the stack at the suspension point.
    if (next && next.resumeStep === null) leftAt.set(context.id, events.length - 1);
  };
  for (const root of roots) {
    walk(root, []);
    const last = events[events.length - 1];
    if (last) last.endOfStep = true;
  }
  return { roots, nodes, byId, events, enteredAt, leftAt, output, queues: trace.queues && trace.queues.length > 0 ? trace.queues : null, queuesCapped: trace.queuesCapped === true };
}

/** The queues the engine recorded around a timeline event, and the callback running (or next). */
export interface RecordedQueues {
  /** The callback of the step (`next` false), or the one that runs after the step ended (`next` true). */
  running: QueueSnapshot['running'] | null;
  next: boolean;
  contents: QueueContents;
  /** False when the step is beyond the recorded snapshots (the cap). */
  recorded: boolean;
  /** Too many promises were pending for the engine to check them all: a promise job may show late. */
  approximate: boolean;
}

/** The queues this model drains, in the order its event loop visits them. */
export const QUEUE_ORDER = ['nextTick', 'microtask', 'timers', 'poll', 'check', 'close', 'task', 'animationFrame'] as const;

/**
 * The recorded queues at an event of engine step `engineStep`: while the step runs, what waited when
 * it began; at the step's end, what waits then, which is what waits when the next recorded step
 * begins plus that step's own callback (shown as the one that runs next).
 */
export function recordedQueuesAt(snapshots: QueueSnapshot[], engineStep: number, endOfStep: boolean): RecordedQueues {
  // The last snapshot at or before the wanted step (they are in step order; step 0 always exists).
  const find = (step: number): number => {
    let low = 0;
    let high = snapshots.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (snapshots[middle].step <= step) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  };
  const contentsAt = (index: number): QueueContents => {
    for (let at = index; at >= 0; at--) {
      const queues = snapshots[at].queues;
      if (queues) return queues;
    }
    return {};
  };
  if (endOfStep) {
    const index = find(engineStep) + 1;
    const following = snapshots[index];
    if (!following) return { running: null, next: true, contents: {}, recorded: snapshots[snapshots.length - 1]?.step >= engineStep, approximate: false };
    return { running: following.running, next: true, contents: contentsAt(index), recorded: true, approximate: following.microtasksApproximate === true };
  }
  const index = find(engineStep);
  const snapshot = snapshots[index];
  if (!snapshot || snapshot.step !== engineStep) return { running: null, next: false, contents: index >= 0 ? contentsAt(index) : {}, recorded: false, approximate: false };
  return { running: snapshot.running, next: false, contents: contentsAt(index), recorded: true, approximate: snapshot.microtasksApproximate === true };
}

/**
 * The callbacks waiting in a queue at an engine step, as far as the trace tells: every printed
 * line carries the step its callback was enqueued at and the step it ran at, so a callback that
 * printed is pending in between. Callbacks that printed nothing leave no such record. The step is
 * the engine's (one task or job), coarser than the timeline, hence `endOfStep`.
 */
export function pendingAt(output: OutputLine[], engineStep: number, endOfStep: boolean): PendingCallback[] {
  const seen = new Set<string>();
  const pending: PendingCallback[] = [];
  for (const line of output) {
    const cause = line.cause;
    if (!cause || !cause.scheduledBy || cause.queue === 'main') continue;
    // Steps are whole tasks, so something queued during this step is only known to wait at its end.
    const queued = cause.enqueuedStep < engineStep || (cause.enqueuedStep === engineStep && endOfStep);
    if (!queued || engineStep >= cause.runStep) continue;
    const key = `${cause.runStep}:${cause.queue}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pending.push({ queue: cause.queue, scheduledBy: cause.scheduledBy.replace(/^\./, ''), line: cause.scheduledAt?.line ?? 0, column: cause.scheduledAt?.column ?? 0 });
  }
  return pending;
}

/** Contexts whose lexical parent is `context` and that ran after it had left: closures that kept its environment alive. */
export function closuresOf(model: ContextTreeModel, context: ContextRecord): ContextRecord[] {
  const left = model.leftAt.get(context.id);
  if (left === undefined) return [];
  const found: ContextRecord[] = [];
  for (const other of model.byId.values()) {
    if (other.lexicalParentId !== context.id) continue;
    const entered = model.enteredAt.get(other.id);
    if (entered !== undefined && entered > left) found.push(other);
  }
  return found;
}
