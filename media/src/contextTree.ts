// The execution-context tree page: a virtualised ARIA tree of contexts in run order, a details pane
// (creation phase beside end of execution, `this` and why, scope chain, caller, closures, outcome,
// printed lines), a timeline over the run with the call stack and the queues at each step, a
// search box and a model selector. Everything is built with textContent, never from HTML strings:
// names and values from the user's program are data.
import type { BindingSnapshot, ContextRecord, ModelName, QueuedCallback, QueueName, QueueSnapshot } from '../../server/src/engine/types';
import type { HostToPanelMessage, PanelToHostMessage, TreeLabels } from '../../client/src/webviewMessages';
import { buildModel, closuresOf, contextKey, pendingAt, QUEUE_ORDER, recordedQueuesAt, type ContextTreeModel, type TimelineEvent, type TreeNode } from './contextTreeModel';

export type TreeMessage = Extract<HostToPanelMessage, { type: 'contextTree' }>;

/** The tree's UI state, kept with getState/setState so a reloaded panel looks the same. */
export interface TreeUiState {
  selected: string | null;
  expanded: string[];
  step: number;
  search: string;
  scrollTop: number;
}

export interface TreeHost {
  post(message: PanelToHostMessage): void;
  persist(ui: TreeUiState): void;
}

const ROW_HEIGHT = 22;
/** Rows rendered beyond the visible window, so that scrolling does not show blank space. */
const OVERSCAN = 10;
const UNINITIALIZED = '<uninitialized>';
const PERSIST_DELAY_MS = 150;
/** Aborts the document-level listeners of the previous render when the tree is drawn again. */
let previousRender: AbortController | undefined;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Longest argument shown in a tree row or the step label; the details pane shows them whole. */
const SHORT_ARGUMENT = 24;

function shorten(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** `name(args)` for functions; scripts and modules have no arguments, so just their file name. */
function contextTitle(context: ContextRecord, short: boolean): string {
  if (context.kind === 'script' || context.kind === 'module') return context.name;
  const args = short ? context.args.map((arg) => shorten(arg, SHORT_ARGUMENT)) : context.args;
  return `${context.name}(${args.join(', ')})`;
}

function nodeTitle(node: TreeNode, short = true): string {
  return contextTitle(node.context, short);
}

export function renderContextTree(message: TreeMessage, toolbar: HTMLElement, root: HTMLElement, host: TreeHost, saved: TreeUiState | undefined): void {
  const { tree, labels, fileLabel } = message;
  toolbar.replaceChildren();
  toolbar.appendChild(element('span', 'file', fileLabel));
  const models = message.models ?? [];
  if (models.length > 1) {
    const select = element('select', 'model-select');
    select.setAttribute('aria-label', labels.model);
    for (const model of models) {
      const option = element('option', undefined, model);
      option.value = model;
      option.selected = model === tree.model;
      select.appendChild(option);
    }
    select.addEventListener('change', () => host.post({ type: 'chooseModel', model: select.value as ModelName }));
    toolbar.appendChild(select);
  } else {
    toolbar.appendChild(element('span', 'model-name', tree.model));
  }
  const search = element('input', 'search');
  search.type = 'search';
  search.placeholder = labels.search;
  search.setAttribute('aria-label', labels.search);
  const matchInfo = element('span', 'match-info');
  matchInfo.setAttribute('aria-live', 'polite');
  const rerun = element('button', undefined, labels.rerun);
  rerun.addEventListener('click', () => host.post({ type: 'rerun' }));
  toolbar.append(search, matchInfo, rerun, element('span', 'busy', labels.running));

  root.replaceChildren();
  if (!tree.trace) {
    root.appendChild(element('div', 'banner error', `${labels.noTrace}: ${tree.reason ?? ''}`));
    host.persist({ selected: null, expanded: [], step: 0, search: '', scrollTop: 0 });
    return;
  }
  if (tree.trace.capped) root.appendChild(element('div', 'banner stopped', labels.capped));
  previousRender?.abort();
  previousRender = new AbortController();
  const model = buildModel(tree.trace, tree.output?.output ?? [], labels.line);
  new TreeView(model, labels, root, search, matchInfo, host, saved, previousRender.signal);
}

class TreeView {
  private readonly expanded: Set<string>;
  private selected: TreeNode | null = null;
  private focused: TreeNode | null = null;
  private step: number;
  private rows: TreeNode[] = [];
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private matches: TreeNode[] = [];
  private readonly scroller = element('div', 'tree-scroller');
  private readonly spacer = element('div', 'tree-spacer');
  private readonly treeElement = element('div', 'tree');
  private readonly details = element('section', 'details');
  private readonly side = element('section', 'side');
  private readonly slider = element('input', 'timeline-slider');
  private readonly stepLabel = element('span', 'step-label');

  constructor(
    private readonly model: ContextTreeModel,
    private readonly labels: TreeLabels,
    root: HTMLElement,
    private readonly search: HTMLInputElement,
    private readonly matchInfo: HTMLElement,
    private readonly host: TreeHost,
    saved: TreeUiState | undefined,
    signal: AbortSignal,
  ) {
    this.expanded = new Set(saved?.expanded ?? [...model.nodes.values()].filter((n) => n.children.length > 0 && n.depth < 3).map((n) => n.key));
    this.step = Math.min(Math.max(0, saved?.step ?? 0), Math.max(0, model.events.length - 1));

    root.appendChild(this.buildTimeline());
    const layout = element('div', 'tree-layout');
    const treePane = element('section', 'tree-pane');
    treePane.appendChild(element('h3', 'pane-title', labels.contexts));
    this.treeElement.setAttribute('role', 'tree');
    this.treeElement.setAttribute('aria-label', labels.contexts);
    this.spacer.appendChild(this.treeElement);
    this.scroller.appendChild(this.spacer);
    treePane.appendChild(this.scroller);
    this.details.setAttribute('aria-label', labels.details);
    this.details.setAttribute('aria-live', 'polite');
    layout.append(treePane, this.details, this.side);
    root.appendChild(layout);

    this.scroller.addEventListener('scroll', () => {
      this.renderRows();
      this.persist();
    });
    this.treeElement.addEventListener('keydown', (event) => this.onTreeKey(event));
    this.search.value = saved?.search ?? '';
    this.search.addEventListener('input', () => this.applySearch(true));
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && this.matches.length > 0) {
        const current = this.selected ? this.matches.indexOf(this.selected) : -1;
        this.select(this.matches[(current + 1) % this.matches.length], true);
      }
    });
    document.addEventListener('keydown', (event) => this.onGlobalKey(event), { signal });

    const initial = (saved?.selected ? model.nodes.get(saved.selected) : undefined) ?? model.roots[0] ?? null;
    this.applySearch(false);
    this.refreshRows();
    if (initial) this.select(initial, false);
    this.scroller.scrollTop = saved?.scrollTop ?? 0;
    this.renderRows();
    this.renderStep(false);
    this.persist();
  }

  // ---- Timeline ----

  private buildTimeline(): HTMLElement {
    const bar = element('div', 'timeline');
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', this.labels.timeline);
    const back = element('button', 'step-back', `◀ ${this.labels.back}`);
    const forward = element('button', 'step-forward', `${this.labels.forward} ▶`);
    back.addEventListener('click', () => this.moveStep(this.step - 1));
    forward.addEventListener('click', () => this.moveStep(this.step + 1));
    this.slider.type = 'range';
    this.slider.min = '0';
    this.slider.max = String(Math.max(0, this.model.events.length - 1));
    this.slider.value = String(this.step);
    this.slider.setAttribute('aria-label', this.labels.timeline);
    this.slider.addEventListener('input', () => this.moveStep(Number(this.slider.value)));
    bar.append(back, this.slider, forward, this.stepLabel);
    return bar;
  }

  private moveStep(step: number): void {
    const last = this.model.events.length - 1;
    if (last < 0) return;
    this.step = Math.min(Math.max(0, step), last);
    this.slider.value = String(this.step);
    this.renderStep(true);
    this.persist();
  }

  private renderStep(announce: boolean): void {
    const event = this.model.events[this.step];
    this.side.replaceChildren();
    if (!event) {
      this.stepLabel.textContent = '';
      return;
    }
    const verb = { enter: this.labels.enter, print: this.labels.print, suspend: this.labels.suspend, resume: this.labels.resumption, leave: this.labels.leave }[event.kind];
    const printed = event.printIndex !== undefined ? ` ${this.model.output[event.printIndex]?.text ?? ''}` : '';
    // The output line printed at this step, for tests and for anyone inspecting the page.
    this.stepLabel.dataset.printIndex = event.printIndex === undefined ? '' : String(event.printIndex);
    this.stepLabel.textContent = `${this.labels.step} ${this.step + 1}/${this.model.events.length}: ${verb} ${nodeTitle(event.node)}${printed} — ${this.labels.line} ${event.line}`;
    if (announce) {
      this.host.post({ type: 'highlight', line: event.line, column: event.column });
      this.revealNode(event.node);
      this.select(event.node, false);
    }

    this.side.appendChild(element('h3', 'pane-title', this.labels.callStack));
    const stack = element('ol', 'call-stack');
    for (const id of [...event.stack].reverse()) {
      const context = this.model.byId.get(id);
      if (!context) continue;
      const item = element('li');
      item.appendChild(this.contextLink(context, null));
      stack.appendChild(item);
    }
    this.side.appendChild(stack);
    this.side.appendChild(element('h3', 'pane-title', this.labels.queues));
    if (this.model.queues) {
      this.renderRecordedQueues(this.model.queues, event);
      return;
    }
    const pending = pendingAt(this.model.output, event.engineStep, event.endOfStep);
    const queues = element('ul', 'queues');
    if (pending.length === 0) queues.appendChild(element('li', 'empty', this.labels.emptyQueue));
    for (const callback of pending) {
      const item = element('li');
      const link = element('button', 'link', `${callback.queue}: ${callback.scheduledBy} — ${this.labels.line} ${callback.line}`);
      link.addEventListener('click', () => this.reveal(callback.line, callback.column));
      item.appendChild(link);
      queues.appendChild(item);
    }
    this.side.appendChild(queues);
    this.side.appendChild(element('p', 'note', this.labels.queuesDerived));
  }

  /** `setTimeout — line 9` as a button that reveals the scheduling call, then `due at 1 ms` for a timer. */
  private queuedCallbackLink(callback: QueuedCallback | QueueSnapshot['running']): DocumentFragment {
    const fragment = document.createDocumentFragment();
    const where = callback.line > 0 ? ` — ${this.labels.line} ${callback.line}` : '';
    const link = element('button', 'link', `${callback.api ?? ''}${where}`);
    link.disabled = callback.line <= 0;
    link.addEventListener('click', () => this.reveal(callback.line, callback.column));
    fragment.appendChild(link);
    if ('dueMs' in callback && callback.dueMs !== undefined) fragment.appendChild(element('span', 'due', ` ${this.labels.dueAt} ${callback.dueMs} ms`));
    return fragment;
  }

  /** The snapshot of the step during which the job that ran at `step` was queued, when the trace recorded both. */
  private queuingCallback(step: number): QueueSnapshot | undefined {
    const snapshots = this.model.queues;
    if (!snapshots) return undefined;
    const queuedStep = snapshots.find((snapshot) => snapshot.step === step)?.running.queuedStep;
    return queuedStep === undefined ? undefined : snapshots.find((snapshot) => snapshot.step === queuedStep);
  }

  /** The engine's own record of the queues at this event's step: the running callback, then each non-empty queue. */
  private renderRecordedQueues(snapshots: QueueSnapshot[], event: TimelineEvent): void {
    const recorded = recordedQueuesAt(snapshots, event.engineStep, event.endOfStep);
    if (recorded.running) {
      // The main script (and a job the engine runs for itself) has no scheduling call to link to.
      const known = recorded.running.api !== null;
      const running = element('div', `queue-running${recorded.next ? ' next' : ''}`, `${recorded.next ? this.labels.runsNext : this.labels.runningNow}: ${recorded.running.queue}${known ? ': ' : ''}`);
      if (known) running.appendChild(this.queuedCallbackLink(recorded.running));
      this.side.appendChild(running);
    }
    const queues = element('ul', 'queues recorded');
    let any = false;
    for (const name of QUEUE_ORDER) {
      const queue = recorded.contents[name as QueueName];
      if (!queue || (queue.items.length === 0 && queue.more === 0)) continue;
      any = true;
      const group = element('li', 'queue');
      group.dataset.queue = name;
      group.appendChild(element('span', 'queue-name', `${name} (${queue.items.length + queue.more})`));
      const items = element('ol', 'queue-items');
      for (const callback of queue.items) {
        const item = element('li');
        item.appendChild(this.queuedCallbackLink(callback));
        items.appendChild(item);
      }
      if (queue.more > 0) items.appendChild(element('li', 'more', `+${queue.more} ${this.labels.more}`));
      group.appendChild(items);
      queues.appendChild(group);
    }
    if (!any) queues.appendChild(element('li', 'empty', recorded.recorded ? this.labels.nothingWaiting : this.labels.queuesNotRecorded));
    this.side.appendChild(queues);
    const note = !recorded.recorded ? this.labels.queuesNotRecorded : recorded.next ? this.labels.queuesRecordedNext : this.labels.queuesRecorded;
    this.side.appendChild(element('p', 'note', note));
    if (recorded.approximate) this.side.appendChild(element('p', 'note approximate', this.labels.queuesApproximate));
  }

  private onGlobalKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
    if (event.key === ']' || (event.altKey && event.key === 'ArrowRight')) {
      this.moveStep(this.step + 1);
      event.preventDefault();
    } else if (event.key === '[' || (event.altKey && event.key === 'ArrowLeft')) {
      this.moveStep(this.step - 1);
      event.preventDefault();
    }
  }

  // ---- The tree ----

  private refreshRows(): void {
    const rows: TreeNode[] = [];
    const visit = (node: TreeNode): void => {
      rows.push(node);
      if (this.expanded.has(node.key)) for (const child of node.children) visit(child);
    };
    for (const root of this.model.roots) visit(root);
    this.rows = rows;
    this.spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
    if (this.focused && !rows.includes(this.focused)) this.focused = this.selected && rows.includes(this.selected) ? this.selected : (rows[0] ?? null);
    this.renderRows();
  }

  /** Renders only the rows in (and just around) the visible window, so 10,000 contexts stay fast. */
  private renderRows(): void {
    const height = this.scroller.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((this.scroller.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    const hadFocus = this.treeElement.contains(document.activeElement);
    this.treeElement.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const fragment = document.createDocumentFragment();
    const matchSet = new Set(this.matches);
    for (let index = first; index < last; index++) fragment.appendChild(this.renderRow(this.rows[index], matchSet));
    this.treeElement.replaceChildren(fragment);
    if (hadFocus) this.focusRow();
  }

  private renderRow(node: TreeNode, matchSet: Set<TreeNode>): HTMLElement {
    const context = node.context;
    const row = element('div', `tree-row kind-${context.kind}${node === this.selected ? ' selected' : ''}${matchSet.has(node) ? ' match' : ''}${node.resumption !== null ? ' resumption' : ''}`);
    row.setAttribute('role', 'treeitem');
    row.dataset.key = node.key;
    row.setAttribute('aria-level', String(node.depth + 1));
    const siblings = node.parent ? node.parent.children : this.model.roots;
    row.setAttribute('aria-setsize', String(siblings.length));
    row.setAttribute('aria-posinset', String(siblings.indexOf(node) + 1));
    row.setAttribute('aria-selected', String(node === this.selected));
    if (node.children.length > 0) row.setAttribute('aria-expanded', String(this.expanded.has(node.key)));
    row.tabIndex = node === this.focused ? 0 : -1;
    row.style.paddingLeft = `${node.depth * 14 + 4}px`;

    const twisty = element('span', 'twisty', node.children.length === 0 ? '' : this.expanded.has(node.key) ? '▾' : '▸');
    twisty.setAttribute('aria-hidden', 'true');
    twisty.addEventListener('click', (event) => {
      event.stopPropagation();
      this.toggle(node);
    });
    row.appendChild(twisty);
    if (node.rootLabel) row.appendChild(element('span', 'root-label', node.rootLabel));
    if (node.resumption !== null) row.appendChild(element('span', 'ctx-kind', `↻ ${this.labels.resumption}`));
    else row.appendChild(element('span', 'ctx-kind', context.kind));
    row.appendChild(element('span', 'ctx-name', nodeTitle(node)));
    if (node.resumption === null && context.outcome) row.appendChild(element('span', `ctx-outcome ${context.outcome.kind}`, `${context.outcome.kind === 'return' ? '→' : context.outcome.kind} ${context.outcome.value}`));
    const position = node.resumption !== null ? context.suspensions[node.resumption - 1].at : context.range;
    const source = element('span', 'ctx-line', `:${position.line}`);
    source.title = this.labels.goToSource;
    source.addEventListener('click', (event) => {
      event.stopPropagation();
      this.reveal(position.line, position.column);
    });
    row.appendChild(source);
    row.addEventListener('click', () => this.select(node, true));
    return row;
  }

  private focusRow(): void {
    if (!this.focused) return;
    const row = this.treeElement.querySelector<HTMLElement>(`[data-key="${this.focused.key}"]`);
    row?.focus({ preventScroll: true });
  }

  private toggle(node: TreeNode): void {
    if (node.children.length === 0) return;
    if (this.expanded.has(node.key)) this.expanded.delete(node.key);
    else this.expanded.add(node.key);
    this.refreshRows();
    this.persist();
  }

  private revealNode(node: TreeNode): void {
    let changed = false;
    for (let parent = node.parent; parent; parent = parent.parent) {
      if (!this.expanded.has(parent.key)) {
        this.expanded.add(parent.key);
        changed = true;
      }
    }
    if (changed) this.refreshRows();
    const index = this.rows.indexOf(node);
    const top = index * ROW_HEIGHT;
    const height = this.scroller.clientHeight || 600;
    if (top < this.scroller.scrollTop || top + ROW_HEIGHT > this.scroller.scrollTop + height) {
      this.scroller.scrollTop = Math.max(0, top - height / 2);
    }
  }

  private select(node: TreeNode, focus: boolean): void {
    this.selected = node;
    this.focused = node;
    this.revealNode(node);
    this.renderRows();
    if (focus) this.focusRow();
    this.renderDetails(node);
    this.persist();
  }

  private onTreeKey(event: KeyboardEvent): void {
    const current = this.focused ?? this.rows[0];
    if (!current) return;
    const index = this.rows.indexOf(current);
    let next: TreeNode | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = this.rows[index + 1];
        break;
      case 'ArrowUp':
        next = this.rows[index - 1];
        break;
      case 'Home':
        next = this.rows[0];
        break;
      case 'End':
        next = this.rows[this.rows.length - 1];
        break;
      case 'ArrowRight':
        if (current.children.length > 0 && !this.expanded.has(current.key)) this.toggle(current);
        else next = current.children[0];
        break;
      case 'ArrowLeft':
        if (current.children.length > 0 && this.expanded.has(current.key)) this.toggle(current);
        else next = current.parent ?? undefined;
        break;
      case 'Enter': {
        const position = current.resumption !== null ? current.context.suspensions[current.resumption - 1].at : current.context.range;
        this.reveal(position.line, position.column);
        break;
      }
      case ' ':
        this.select(current, true);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (event.altKey) return;
    if (next) this.select(next, true);
    else this.focusRow();
  }

  private applySearch(jump: boolean): void {
    const query = this.search.value.trim().toLowerCase();
    this.matches = [];
    if (query) {
      for (const node of this.model.nodes.values()) {
        if (node.context.name.toLowerCase().includes(query) || node.context.creation.some((b) => b.name.toLowerCase().includes(query))) this.matches.push(node);
      }
      this.matchInfo.textContent = this.matches.length === 0 ? this.labels.noMatch : `${this.matches.length}`;
      for (const match of this.matches) for (let parent = match.parent; parent; parent = parent.parent) this.expanded.add(parent.key);
      this.refreshRows();
      if (jump && this.matches[0]) this.select(this.matches[0], false);
    } else {
      this.matchInfo.textContent = '';
      this.renderRows();
    }
    this.persist();
  }

  // ---- Details ----

  private reveal(line: number, column: number): void {
    if (line > 0) this.host.post({ type: 'reveal', line, column: Math.max(1, column) });
  }

  private contextLink(context: ContextRecord, resumption: number | null): HTMLElement {
    const link = element('button', 'link context-link', contextTitle(context, true));
    link.addEventListener('click', () => {
      const node = this.model.nodes.get(contextKey(context.id, resumption));
      if (node) this.select(node, false);
    });
    return link;
  }

  private bindingTable(title: string, bindings: BindingSnapshot[], context: ContextRecord, creation: boolean): HTMLElement {
    const section = element('div', `bindings ${creation ? 'creation' : 'exit'}`);
    section.appendChild(element('h4', undefined, title));
    const table = element('table');
    const declared = new Map(context.creation.map((b) => [b.name, b] as const));
    for (const binding of bindings) {
      const inTdz = binding.value === UNINITIALIZED;
      const row = element('tr', inTdz ? 'tdz' : undefined);
      row.dataset.name = binding.name;
      const nameCell = element('td', 'name');
      const position = declared.get(binding.name);
      if (position?.line) {
        const link = element('button', 'link binding-link', binding.name);
        link.title = this.labels.goToSource;
        link.addEventListener('click', () => this.reveal(position.line ?? 0, position.column ?? 1));
        nameCell.appendChild(link);
      } else {
        nameCell.textContent = binding.name;
      }
      row.appendChild(nameCell);
      row.appendChild(element('td', 'kind', binding.kind));
      const valueCell = element('td', 'value', binding.value);
      if (inTdz) {
        valueCell.title = this.labels.uninitialized;
        const span = position?.line ? ` ${this.labels.tdzSpan} ${context.range.line}–${position.line}` : '';
        valueCell.appendChild(element('span', 'tdz-span', span));
      }
      row.appendChild(valueCell);
      table.appendChild(row);
    }
    section.appendChild(table);
    return section;
  }

  private renderDetails(node: TreeNode): void {
    const context = node.context;
    const labels = this.labels;
    const pane = this.details;
    pane.replaceChildren();
    const header = element('h3', 'pane-title details-title');
    header.appendChild(element('span', 'ctx-kind', node.resumption !== null ? `↻ ${labels.resumption}` : context.kind));
    header.appendChild(element('span', 'ctx-name', ` ${nodeTitle(node, false)}`));
    const go = element('button', 'link go', labels.goToSource);
    go.addEventListener('click', () => this.reveal(context.range.line, context.range.column));
    header.appendChild(go);
    pane.appendChild(header);
    if (node.resumption !== null) {
      const suspension = context.suspensions[node.resumption - 1];
      const line = element('div', 'resumed-from', `${labels.resumedFrom}: `);
      line.appendChild(this.contextLink(context, null));
      line.appendChild(document.createTextNode(` — ${labels.suspendedAt} ${labels.line} ${suspension.at.line}`));
      pane.appendChild(line);
      const resumer = suspension.resumedBy;
      if (resumer) {
        const by = element('div', 'resumed-by', `${labels.resumedBy}: `);
        const callerContext = resumer.callerId === null ? undefined : this.model.byId.get(resumer.callerId);
        if (callerContext) by.appendChild(this.contextLink(callerContext, null));
        else {
          by.appendChild(element('span', undefined, `${resumer.source} ${labels.jobAtStep} ${resumer.step}${node.rootLabel ? ` (${node.rootLabel})` : ''}`));
          // The step that queued the job (for an await: the one in which the awaited promise settled), from the queue snapshots.
          const queuedBy = this.queuingCallback(resumer.step);
          if (queuedBy) {
            const queued = element('span', 'queued-during', ` — ${labels.queuedDuring} ${queuedBy.step}: ${queuedBy.running.queue}${queuedBy.running.api !== null ? ': ' : ''}`);
            if (queuedBy.running.api !== null) queued.appendChild(this.queuedCallbackLink(queuedBy.running));
            by.appendChild(queued);
          }
        }
        pane.appendChild(by);
      }
    }
    pane.appendChild(element('div', 'ctx-this', `${labels.thisValue}: ${context.thisValue} — ${context.thisReason}`));

    const chain = element('div', 'scope-chain', `${labels.scopeChain}: `);
    chain.appendChild(element('span', 'current', context.name));
    const visited = new Set<number>([context.id]);
    for (let parentId = context.lexicalParentId; parentId !== null && !visited.has(parentId); ) {
      visited.add(parentId);
      const parent = this.model.byId.get(parentId);
      if (!parent) break;
      chain.appendChild(document.createTextNode(' → '));
      chain.appendChild(this.contextLink(parent, null));
      parentId = parent.lexicalParentId;
    }
    chain.appendChild(document.createTextNode(' → global'));
    pane.appendChild(chain);
    const caller = context.callerId === null ? undefined : this.model.byId.get(context.callerId);
    const callerLine = element('div', 'caller', `${labels.caller}: `);
    if (caller) callerLine.appendChild(this.contextLink(caller, null));
    else callerLine.appendChild(element('span', undefined, node.rootLabel ?? `${context.source} (${labels.noCaller})`));
    pane.appendChild(callerLine);

    const phases = element('div', 'phases');
    phases.appendChild(this.bindingTable(labels.creation, context.creation, context, true));
    phases.appendChild(this.bindingTable(labels.exit, context.exit ?? [], context, false));
    pane.appendChild(phases);

    if (context.outcome) pane.appendChild(element('div', `outcome ${context.outcome.kind}`, `${labels.outcome}: ${context.outcome.kind} ${context.outcome.value}`));
    const closures = closuresOf(this.model, context);
    pane.appendChild(element('h4', undefined, labels.closures));
    if (closures.length === 0) pane.appendChild(element('div', 'empty', labels.noClosures));
    else {
      const list = element('ul', 'closures');
      for (const closure of closures) {
        const item = element('li');
        item.appendChild(this.contextLink(closure, null));
        list.appendChild(item);
      }
      pane.appendChild(list);
    }
    if (context.suspensions.length > 0) {
      pane.appendChild(element('h4', undefined, labels.suspensions));
      const list = element('ul', 'suspensions');
      context.suspensions.forEach((suspension, index) => {
        const item = element('li', undefined, `${labels.line} ${suspension.at.line}:${suspension.at.column} `);
        if (suspension.resumeStep !== null) item.appendChild(this.contextLink(context, index + 1)).textContent = `↻ ${labels.resumption} ${index + 1}`;
        else item.appendChild(element('span', undefined, '…'));
        list.appendChild(item);
      });
      pane.appendChild(list);
    }
    if (context.printed.length > 0) {
      pane.appendChild(element('h4', undefined, labels.printed));
      const list = element('ul', 'printed');
      for (const index of context.printed) {
        const line = this.model.output[index];
        const item = element('li');
        const link = element('button', 'link', `#${index + 1} ${line?.text ?? ''}`);
        link.addEventListener('click', () => this.reveal(line?.line ?? 0, line?.column ?? 1));
        item.appendChild(link);
        list.appendChild(item);
      }
      pane.appendChild(list);
    }
  }

  /**
   * Saves the UI state a moment after the last change: setState serialises the whole trace, which
   * for 10,000 contexts costs tens of milliseconds, too much for every scroll event or key press.
   */
  private persist(): void {
    if (this.persistTimer !== undefined) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      this.persistNow();
    }, PERSIST_DELAY_MS);
  }

  private persistNow(): void {
    this.host.persist({ selected: this.selected?.key ?? null, expanded: [...this.expanded], step: this.step, search: this.search.value, scrollTop: this.scroller.scrollTop });
  }
}
