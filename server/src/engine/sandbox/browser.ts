// The browser model's globals: window (the global object), a minimal document with elements,
// events (EventTarget, Event, CustomEvent, MessageEvent, ErrorEvent), MessageChannel,
// requestAnimationFrame, MutationObserver and performance.now. Only what decides *when* callbacks
// run is modelled faithfully (which queue, synchronous or not); the DOM itself is a small tree.
//
// Dispatch: `element.click()` and `dispatchEvent()` called by the script run listeners
// synchronously on the script's stack, so promise jobs wait until the script's task ends. Events
// the user agent dispatches (DOMContentLoaded, load, message) run each listener as a callback of
// its own, with a microtask checkpoint after each (HTML "clean up after running script").

import type { HostPrimitives } from './host';
import { msg } from '../../syntax/message';
import { browserFormat, setReceiverText, trackedProxyTarget } from './inspect';
import { setCompileErrorOracle } from './errors';
import { createBrowserAbort, type ListenerSignals } from './browserAbort';
import { nameAccessor } from './globalNames';

export interface BrowserDeps {
  host: HostPrimitives;
  reportUncaught: (error: unknown) => void;
  /** Runs all pending promise jobs now (the microtask checkpoint after a UA-dispatched listener). */
  checkpoint?: () => void;
}

export interface BrowserHooks {
  /** The classic script's task ended: the page finishes loading (DOMContentLoaded, load). */
  pageLoaded(): void;
  /** window 'error' / 'unhandledrejection' listeners; true when one cancelled the default report. */
  dispatchError(error: unknown, origin: 'uncaughtException' | 'unhandledRejection', promise?: unknown): boolean;
  /** A DOMException the browser makes, with the script frames that led to it (structuredClone's DataCloneError). */
  domException(message: string, name: string): Error;
  /** structuredClone of the browser's own objects: a copy, the name of one that cannot be cloned, or undefined for others. */
  platformClone(value: object): { copy: unknown } | { uncloneable: string } | undefined;
}

type Listener = ((event: any) => unknown) | { handleEvent(event: any): unknown };
interface Registration {
  listener: Listener;
  capture: boolean;
  once: boolean;
  /** The place of the target's on<type> property among its listeners (its handler runs there). */
  attribute?: true;
  /** Set when the listener is removed: a dispatch already under way skips it (DOM: the removed flag). */
  removed?: true;
}

const kListeners = Symbol('listeners');
const kParent = Symbol('parent');
/** The functions assigned to a target's on<type> properties. */
const kHandlers = Symbol('handlers');

/**
 * The on<type> properties modelled as HTML's event handler attributes: one of the target's
 * listeners, at the place where the property was first set (see handlerAttribute). Other on<type>
 * properties a program sets run after the listeners.
 */
const HANDLER_ATTRIBUTES = ['abort', 'click', 'dblclick', 'mousedown', 'mouseup', 'input', 'change', 'submit', 'keydown', 'keyup', 'focus', 'blur', 'load', 'error', 'message', 'unhandledrejection', 'rejectionhandled'];
const managedHandlerNames = new Set(HANDLER_ATTRIBUTES.map((type) => `on${type}`));

export function installBrowserGlobals(deps: BrowserDeps): BrowserHooks {
  const { host } = deps;
  const global = globalThis as any;
  // A page's script that does not compile: V8's own message, as Chromium reports it (engine/v8Syntax.ts).
  setCompileErrorOracle((file) => host.v8SyntaxError(file, false));
  const define = (name: string, value: unknown) => Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
  /**
   * An attribute of the window, an accessor as in Chromium (measured in 150: `get window`, no
   * setter): a write in sloppy code is ignored, in strict code a TypeError. A replaceable one
   * (`self`, `performance`) has a setter that replaces the accessor with the value written. Which
   * ones cannot be deleted (window, document) is settled with the listing order (globalNames.ts).
   */
  const defineWindowAttribute = (name: string, value: unknown, replaceable: boolean) => Object.defineProperty(global, name, nameAccessor({
    get: () => value,
    set: replaceable ? (replacement: unknown) => void Object.defineProperty(global, name, { value: replacement, writable: true, enumerable: true, configurable: true }) : undefined,
    configurable: true,
    enumerable: false,
  }, name));

  /** Runs one listener; an exception is reported (as Chromium does) and dispatch goes on. */
  const invoke = (registration: Registration, target: unknown, event: any) => {
    if (registration.attribute) {
      runHandlerAttribute(target, event);
      return;
    }
    try {
      const listener = registration.listener;
      if (typeof listener === 'function') listener.call(target, event);
      else if (listener && typeof listener.handleEvent === 'function') listener.handleEvent(event);
    } catch (error) {
      deps.reportUncaught(error);
    }
  };

  class Event {
    type: string;
    bubbles: boolean;
    cancelable: boolean;
    defaultPrevented = false;
    target: unknown = null;
    currentTarget: unknown = null;
    eventPhase = 0;
    timeStamp: number;
    isTrusted = false;
    _stop = false;
    _stopImmediate = false;
    constructor(type: string, init: { bubbles?: boolean; cancelable?: boolean } = {}) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Event': 1 argument required, but only 0 present.");
      this.type = String(type);
      this.bubbles = !!init.bubbles;
      this.cancelable = !!init.cancelable;
      this.timeStamp = host.now();
    }
    preventDefault() {
      if (this.cancelable) this.defaultPrevented = true;
    }
    stopPropagation() {
      this._stop = true;
    }
    stopImmediatePropagation() {
      this._stop = true;
      this._stopImmediate = true;
    }
    composedPath() {
      return [];
    }
  }
  class CustomEvent extends Event {
    detail: unknown;
    constructor(type: string, init: { bubbles?: boolean; cancelable?: boolean; detail?: unknown } = {}) {
      super(type, init);
      this.detail = init.detail ?? null;
    }
  }
  class MessageEvent extends Event {
    data: unknown;
    origin: string;
    ports: unknown[];
    constructor(type: string, init: { data?: unknown; origin?: string; bubbles?: boolean; cancelable?: boolean } = {}) {
      super(type, init);
      this.data = init.data;
      this.origin = init.origin ?? '';
      this.ports = [];
    }
  }
  class ErrorEvent extends Event {
    message: string;
    filename: string;
    lineno: number;
    colno: number;
    error: unknown;
    constructor(type: string, init: { message?: string; error?: unknown; cancelable?: boolean; filename?: string; lineno?: number; colno?: number } = {}) {
      super(type, init);
      this.message = init.message ?? '';
      this.error = init.error;
      this.filename = init.filename ?? '';
      this.lineno = init.lineno ?? 0;
      this.colno = init.colno ?? 0;
    }
  }
  class PromiseRejectionEvent extends Event {
    promise: unknown;
    reason: unknown;
    constructor(type: string, init: { promise?: unknown; reason?: unknown; cancelable?: boolean } = {}) {
      super(type, init);
      this.promise = init.promise;
      this.reason = init.reason;
    }
  }

  /**
   * Dispatches along the parent chain (capture, target, bubble). `byUserAgent` runs a microtask
   * checkpoint after each listener, because then no script is on the stack between them.
   */
  function dispatch(target: any, event: Event, byUserAgent: boolean): boolean {
    const path: any[] = [];
    for (let node = target; node; node = node[kParent]) path.push(node);
    if (target !== global && target.nodeType !== undefined && !path.includes(global)) path.push(global);
    event.target = target;
    const runAt = (node: any, capture: boolean | null) => {
      const list: Registration[] = node[kListeners]?.get(event.type) ?? [];
      const handlerName = `on${event.type}`;
      const registrations = list.slice();
      event.currentTarget = node;
      for (const registration of registrations) {
        if (event._stopImmediate) break;
        // A listener an earlier one removed does not run, though the dispatch iterates a copy.
        if (registration.removed) continue;
        if (capture !== null && registration.capture !== capture) continue;
        if (registration.once) removeRegistration(node, event.type, registration.listener, registration.capture);
        invoke(registration, node, event);
        if (byUserAgent) deps.checkpoint?.();
      }
      // An on<event> property that is not modelled as a handler attribute runs after the listeners.
      if ((capture === null || capture === false) && !managedHandlerNames.has(handlerName) && typeof node[handlerName] === 'function' && !event._stopImmediate) {
        invoke({ listener: node[handlerName], capture: false, once: false }, node, event);
        if (byUserAgent) deps.checkpoint?.();
      }
    };
    for (let index = path.length - 1; index > 0 && !event._stop; index--) {
      event.eventPhase = 1;
      runAt(path[index], true);
    }
    if (!event._stop) {
      event.eventPhase = 2;
      runAt(path[0], null);
    }
    if (event.bubbles) {
      for (let index = 1; index < path.length && !event._stop; index++) {
        event.eventPhase = 3;
        runAt(path[index], false);
      }
    }
    event.eventPhase = 0;
    event.currentTarget = null;
    return !event.defaultPrevented;
  }

  function removeRegistration(node: any, type: string, listener: unknown, capture: boolean) {
    const list: Registration[] | undefined = node[kListeners]?.get(type);
    if (!list) return;
    const index = list.findIndex((entry) => entry.listener === listener && entry.capture === capture);
    if (index >= 0) list.splice(index, 1)[0].removed = true;
  }

  /**
   * An event handler attribute runs its function as a listener: `return false` cancels the event,
   * except window.onerror, which gets (message, source, line, column, error) and cancels the
   * console report by returning true; an exception there is not reported again (HTML).
   */
  function runHandlerAttribute(target: any, event: any) {
    const handler = target[kHandlers]?.get(event.type);
    if (typeof handler !== 'function') return;
    if (target === global && event instanceof ErrorEvent) {
      try {
        if (handler.call(global, event.message, event.filename, event.lineno, event.colno, event.error) === true) event.preventDefault();
      } catch {}
      return;
    }
    try {
      if (handler.call(target, event) === false) event.preventDefault();
    } catch (error) {
      deps.reportUncaught(error);
    }
  }

  /**
   * Defines on<type> accessors on `target` (a prototype, or the window): setting a function puts the
   * handler's registration at the end of the listeners the first time, replacing it keeps that
   * place, and null removes it.
   */
  function defineHandlerAttributes(target: object, types: string[] = HANDLER_ATTRIBUTES) {
    for (const type of types) {
      Object.defineProperty(target, `on${type}`, nameAccessor({
        get(this: any) {
          return this[kHandlers]?.get(type) ?? null;
        },
        set(this: any, value: unknown) {
          if (!this[kHandlers]) Object.defineProperty(this, kHandlers, { value: new Map(), enumerable: false });
          if (!this[kListeners]) Object.defineProperty(this, kListeners, { value: new Map(), enumerable: false });
          const handlers: Map<string, unknown> = this[kHandlers];
          const lists: Map<string, Registration[]> = this[kListeners];
          const list = lists.get(type) ?? [];
          const placed = list.findIndex((registration) => registration.attribute);
          if (typeof value === 'function' || (typeof value === 'object' && value !== null)) {
            handlers.set(type, value);
            if (placed < 0) list.push({ listener: () => undefined, capture: false, once: false, attribute: true });
          } else {
            handlers.delete(type);
            if (placed >= 0) list.splice(placed, 1)[0].removed = true;
          }
          lists.set(type, list);
        },
        configurable: true,
        enumerable: true,
      }, `on${type}`));
    }
  }

  /** The AbortSignal side of addEventListener's `{ signal }` (set once AbortSignal exists, below). */
  const signals: { of?: ListenerSignals } = {};

  // A bare `addEventListener(...)` calls the window's method without a receiver: Web IDL then uses
  // the global object (the sandbox's code is strict, so `this` would stay undefined).
  const eventTargetMethods = {
    addEventListener(this: any, type: string, listener: Listener | null, options?: boolean | { capture?: boolean; once?: boolean; signal?: unknown }): void {
      if (this === undefined || this === null) return eventTargetMethods.addEventListener.call(globalThis, type, listener, options);
      const signal = typeof options === 'object' && options !== null && 'signal' in options ? options.signal : undefined;
      if (signal !== undefined && !signals.of?.isSignal(signal)) {
        throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': Failed to read the 'signal' property from 'AddEventListenerOptions': Failed to convert value to 'AbortSignal'.");
      }
      if (!listener) return;
      const capture = typeof options === 'boolean' ? options : !!options?.capture;
      const once = typeof options === 'object' && options !== null && !!options.once;
      // A listener added with an aborted signal is not added; otherwise the signal removes it.
      if (signal !== undefined) {
        if (signals.of!.isAborted(signal as object)) return;
        signals.of!.onAbort(signal as object, () => removeRegistration(this, String(type), listener, capture));
      }
      if (!this[kListeners]) Object.defineProperty(this, kListeners, { value: new Map(), enumerable: false });
      const map: Map<string, Registration[]> = this[kListeners];
      const list = map.get(String(type)) ?? [];
      if (list.some((entry) => entry.listener === listener && entry.capture === capture)) return;
      list.push({ listener, capture, once });
      map.set(String(type), list);
      if (this instanceof MessagePort && String(type) === 'message') {
        // addEventListener alone does not start a port; start() or onmessage does.
      }
    },
    removeEventListener(this: any, type: string, listener: Listener | null, options?: boolean | { capture?: boolean }): void {
      if (this === undefined || this === null) return eventTargetMethods.removeEventListener.call(globalThis, type, listener, options);
      const capture = typeof options === 'boolean' ? options : !!options?.capture;
      removeRegistration(this, String(type), listener, capture);
    },
    dispatchEvent(this: any, event: Event): boolean {
      if (this === undefined || this === null) return eventTargetMethods.dispatchEvent.call(globalThis, event);
      if (!(event instanceof Event)) throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
      return dispatch(this, event, false);
    },
  };

  class EventTarget {}
  Object.assign(EventTarget.prototype, eventTargetMethods);

  // ---- A minimal DOM ----

  class Node extends EventTarget {
    [kParent]: Node | null = null;
    childNodes: Node[] = [];
    nodeType = 1;
    nodeName = '';
    get parentNode() {
      return this[kParent];
    }
    get parentElement() {
      return this[kParent];
    }
    get firstChild() {
      return this.childNodes[0] ?? null;
    }
    get lastChild() {
      return this.childNodes[this.childNodes.length - 1] ?? null;
    }
    appendChild<T extends Node>(child: T): T {
      if (child[kParent]) child[kParent]!.removeChild(child);
      this.childNodes.push(child);
      child[kParent] = this;
      mutations.childList(this, [child], []);
      return child;
    }
    insertBefore<T extends Node>(child: T, reference: Node | null): T {
      if (child[kParent]) child[kParent]!.removeChild(child);
      const index = reference ? this.childNodes.indexOf(reference) : -1;
      if (index < 0) this.childNodes.push(child);
      else this.childNodes.splice(index, 0, child);
      child[kParent] = this;
      mutations.childList(this, [child], []);
      return child;
    }
    removeChild<T extends Node>(child: T): T {
      const index = this.childNodes.indexOf(child);
      if (index < 0) throw new Error("Failed to execute 'removeChild' on 'Node': The node to be removed is not a child of this node.");
      this.childNodes.splice(index, 1);
      child[kParent] = null;
      mutations.childList(this, [], [child]);
      return child;
    }
    remove() {
      this[kParent]?.removeChild(this);
    }
    get textContent(): string {
      return this.childNodes.map((child) => child.textContent).join('');
    }
    set textContent(value: string) {
      const removed = this.childNodes.slice();
      for (const child of removed) child[kParent] = null;
      this.childNodes = [];
      const text = new Text(String(value ?? ''));
      if (text.data) {
        this.childNodes.push(text);
        text[kParent] = this;
      }
      mutations.childList(this, text.data ? [text] : [], removed);
    }
    contains(other: Node | null): boolean {
      for (let node: Node | null = other; node; node = node[kParent]) if (node === this) return true;
      return false;
    }
  }

  defineHandlerAttributes(Node.prototype);

  class Text extends Node {
    private _data: string;
    constructor(data: string) {
      super();
      this.nodeType = 3;
      this.nodeName = '#text';
      this._data = data;
    }
    get data() {
      return this._data;
    }
    set data(value: string) {
      const old = this._data;
      this._data = String(value);
      mutations.characterData(this, old);
    }
    override get textContent() {
      return this._data;
    }
    override set textContent(value: string) {
      this.data = value;
    }
  }

  class Element extends Node {
    tagName: string;
    attributes = new Map<string, string>();
    style: Record<string, string> = {};
    constructor(tagName: string) {
      super();
      this.tagName = tagName.toUpperCase();
      this.nodeName = this.tagName;
    }
    get children() {
      return this.childNodes.filter((child) => child instanceof Element);
    }
    setAttribute(name: string, value: unknown) {
      const key = String(name).toLowerCase();
      const old = this.attributes.get(key) ?? null;
      this.attributes.set(key, String(value));
      mutations.attribute(this, key, old);
    }
    getAttribute(name: string) {
      return this.attributes.get(String(name).toLowerCase()) ?? null;
    }
    hasAttribute(name: string) {
      return this.attributes.has(String(name).toLowerCase());
    }
    removeAttribute(name: string) {
      const key = String(name).toLowerCase();
      if (!this.attributes.has(key)) return;
      const old = this.attributes.get(key) ?? null;
      this.attributes.delete(key);
      mutations.attribute(this, key, old);
    }
    get id() {
      return this.getAttribute('id') ?? '';
    }
    set id(value: string) {
      this.setAttribute('id', value);
    }
    get className() {
      return this.getAttribute('class') ?? '';
    }
    set className(value: string) {
      this.setAttribute('class', value);
    }
    get innerHTML() {
      return this.textContent;
    }
    set innerHTML(value: string) {
      this.textContent = String(value).replace(/<[^>]*>/g, '');
    }
    get innerText() {
      return this.textContent;
    }
    set innerText(value: string) {
      this.textContent = value;
    }
    click() {
      dispatch(this, new MouseEvent('click', { bubbles: true, cancelable: true }), false);
    }
    querySelector(selector: string) {
      return querySelectorAll(this, selector)[0] ?? null;
    }
    querySelectorAll(selector: string) {
      return querySelectorAll(this, selector);
    }
    getElementsByTagName(tag: string) {
      return querySelectorAll(this, tag);
    }
  }
  class MouseEvent extends Event {}

  function matches(element: Element, selector: string): boolean {
    const trimmed = selector.trim();
    if (trimmed.startsWith('#')) return element.id === trimmed.slice(1);
    if (trimmed.startsWith('.')) return element.className.split(/\s+/).includes(trimmed.slice(1));
    return trimmed === '*' || element.tagName === trimmed.toUpperCase();
  }
  function querySelectorAll(root: Node, selector: string): Element[] {
    const found: Element[] = [];
    const walk = (node: Node) => {
      for (const child of node.childNodes) {
        if (child instanceof Element && selector.split(',').some((part) => matches(child, part))) found.push(child);
        walk(child);
      }
    };
    walk(root);
    return found;
  }

  class Document extends Node {
    documentElement: Element;
    head: Element;
    body: Element;
    readyState = 'loading';
    currentScript: Element | null = null;
    constructor() {
      super();
      this.nodeType = 9;
      this.nodeName = '#document';
      this.documentElement = new Element('html');
      this.head = new Element('head');
      this.body = new Element('body');
      this.childNodes.push(this.documentElement);
      this.documentElement[kParent] = this;
      this.documentElement.childNodes.push(this.head, this.body);
      this.head[kParent] = this.documentElement;
      this.body[kParent] = this.documentElement;
      // The page the program runs in: its body holds the <script> element that loaded it.
      const script = new Element('script');
      script.attributes.set('src', 'main.js');
      this.body.childNodes.push(script);
      script[kParent] = this.body;
      this.currentScript = script;
    }
    createElement(tag: string) {
      return new Element(String(tag));
    }
    createTextNode(text: string) {
      return new Text(String(text));
    }
    createEvent() {
      return new Event('');
    }
    getElementById(id: string) {
      return querySelectorAll(this, `#${id}`)[0] ?? null;
    }
    querySelector(selector: string) {
      return querySelectorAll(this, selector)[0] ?? null;
    }
    querySelectorAll(selector: string) {
      return querySelectorAll(this, selector);
    }
    getElementsByTagName(tag: string) {
      return querySelectorAll(this, tag);
    }
  }

  // ---- MutationObserver: records queued, delivered in one microtask per batch ----

  const resolved = Promise.resolve();
  const originalThen = Promise.prototype.then;
  const observers: MutationObserver[] = [];
  let deliveryQueued = false;
  const queueDelivery = () => {
    if (deliveryQueued) return;
    deliveryQueued = true;
    originalThen.call(resolved, () => {
      deliveryQueued = false;
      for (const observer of observers.slice()) observer._deliver();
    });
  };

  interface ObserveOptions {
    childList?: boolean;
    attributes?: boolean;
    characterData?: boolean;
    subtree?: boolean;
    attributeOldValue?: boolean;
    characterDataOldValue?: boolean;
    attributeFilter?: string[];
  }

  class MutationObserver {
    private readonly callback: (records: unknown[], observer: MutationObserver) => unknown;
    private targets: { node: Node; options: ObserveOptions }[] = [];
    private records: unknown[] = [];
    constructor(callback: (records: unknown[], observer: MutationObserver) => unknown) {
      if (typeof callback !== 'function') throw new TypeError("Failed to construct 'MutationObserver': parameter 1 is not of type 'Function'.");
      this.callback = callback;
    }
    observe(node: Node, options: ObserveOptions = {}) {
      const normalized = { ...options };
      if (normalized.attributeOldValue || normalized.attributeFilter) normalized.attributes ??= true;
      if (normalized.characterDataOldValue) normalized.characterData ??= true;
      this.targets = this.targets.filter((entry) => entry.node !== node);
      this.targets.push({ node, options: normalized });
      if (!observers.includes(this)) observers.push(this);
    }
    disconnect() {
      this.targets = [];
      this.records = [];
      const index = observers.indexOf(this);
      if (index >= 0) observers.splice(index, 1);
    }
    takeRecords() {
      const records = this.records;
      this.records = [];
      return records;
    }
    _interested(target: Node, kind: 'childList' | 'attributes' | 'characterData', attributeName?: string): ObserveOptions | null {
      for (const { node, options } of this.targets) {
        const inScope = node === target || (options.subtree && node.contains(target));
        if (!inScope || !options[kind]) continue;
        if (kind === 'attributes' && options.attributeFilter && attributeName && !options.attributeFilter.includes(attributeName)) continue;
        return options;
      }
      return null;
    }
    _record(record: unknown) {
      this.records.push(record);
      queueDelivery();
    }
    _deliver() {
      if (this.records.length === 0) return;
      const records = this.takeRecords();
      try {
        this.callback.call(this, records, this);
      } catch (error) {
        deps.reportUncaught(error);
      }
    }
  }

  const makeRecord = (fields: Record<string, unknown>) => ({
    type: '', target: null, addedNodes: [], removedNodes: [], previousSibling: null, nextSibling: null,
    attributeName: null, attributeNamespace: null, oldValue: null, ...fields,
  });
  const mutations = {
    childList(target: Node, added: Node[], removed: Node[]) {
      for (const observer of observers) {
        if (observer._interested(target, 'childList')) observer._record(makeRecord({ type: 'childList', target, addedNodes: added, removedNodes: removed }));
      }
    },
    attribute(target: Element, name: string, oldValue: string | null) {
      for (const observer of observers) {
        const options = observer._interested(target, 'attributes', name);
        if (options) observer._record(makeRecord({ type: 'attributes', target, attributeName: name, oldValue: options.attributeOldValue ? oldValue : null }));
      }
    },
    characterData(target: Text, oldValue: string) {
      for (const observer of observers) {
        const options = observer._interested(target, 'characterData');
        if (options) observer._record(makeRecord({ type: 'characterData', target, oldValue: options.characterDataOldValue ? oldValue : null }));
      }
    },
  };

  // ---- MessageChannel ----

  class MessagePort extends EventTarget {
    _other: MessagePort | null = null;
    _started = false;
    _queue: unknown[] = [];
    _onmessage: ((event: MessageEvent) => unknown) | null = null;
    get onmessage() {
      return this._onmessage;
    }
    set onmessage(handler: ((event: MessageEvent) => unknown) | null) {
      this._onmessage = handler;
      // Setting onmessage starts the port (HTML).
      this.start();
    }
    start() {
      if (this._started) return;
      this._started = true;
      const queued = this._queue;
      this._queue = [];
      for (const data of queued) this._schedule(data);
    }
    close() {
      this._other = null;
    }
    postMessage(data: unknown) {
      const other = this._other;
      if (!other) return;
      const cloned = structuredCloneOf(data);
      if (other._started) other._schedule(cloned);
      else other._queue.push(cloned);
    }
    _schedule(data: unknown) {
      host.postTask(() => {
        const event = new MessageEvent('message', { data });
        const list: Registration[] = (this as any)[kListeners]?.get('message') ?? [];
        for (const registration of list.slice()) {
          invoke(registration, this, event);
          deps.checkpoint?.();
        }
        if (typeof this._onmessage === 'function') invoke({ listener: this._onmessage, capture: false, once: false }, this, event);
      }, 'message');
    }
  }
  class MessageChannel {
    port1: MessagePort;
    port2: MessagePort;
    constructor() {
      this.port1 = new MessagePort();
      this.port2 = new MessagePort();
      this.port1._other = this.port2;
      this.port2._other = this.port1;
    }
  }
  const structuredCloneOf = (data: unknown) => {
    const clone = global.structuredClone;
    return typeof clone === 'function' ? clone(data) : data;
  };

  // ---- window ----

  const document = new Document();
  for (const [name, method] of Object.entries(eventTargetMethods)) define(name, method);
  defineHandlerAttributes(global);
  setReceiverText(global, '#<Window>');
  defineWindowAttribute('window', global, false);
  defineWindowAttribute('self', global, true);
  define('globalThis', global);
  defineWindowAttribute('document', document, false);
  define('Event', Event);
  define('CustomEvent', CustomEvent);
  define('MessageEvent', MessageEvent);
  define('ErrorEvent', ErrorEvent);
  define('PromiseRejectionEvent', PromiseRejectionEvent);
  define('MouseEvent', MouseEvent);
  define('EventTarget', EventTarget);
  define('Node', Node);
  define('Element', Element);
  define('HTMLElement', Element);
  define('Text', Text);
  define('Document', Document);
  define('MutationObserver', MutationObserver);
  define('MessageChannel', MessageChannel);
  define('MessagePort', MessagePort);
  const abort = createBrowserAbort({ host, EventTarget, Event, dispatch, defineHandlerAttributes });
  signals.of = abort.listenerSignals;
  define('DOMException', abort.DOMException);
  define('AbortController', abort.AbortController);
  define('AbortSignal', abort.AbortSignal);
  define('requestAnimationFrame', (callback: (time: number) => void) => {
    if (typeof callback !== 'function') throw new TypeError("Failed to execute 'requestAnimationFrame' on 'Window': The callback provided as parameter 1 is not a function.");
    return host.requestAnimationFrame(callback);
  });
  define('cancelAnimationFrame', (id: number) => host.cancelAnimationFrame(Number(id)));
  define('postMessage', (data: unknown) => {
    const cloned = structuredCloneOf(data);
    host.postTask(() => {
      dispatch(global, new MessageEvent('message', { data: cloned, origin: 'http://127.0.0.1' }), true);
    }, 'message');
  });
  defineWindowAttribute('performance', {
    now: () => {
      host.markVarying('performance.now()');
      return host.now();
    },
    timeOrigin: 0,
  }, true);
  defineWindowAttribute('navigator', { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome HeadlessChrome Safari/537.36', language: 'en-US', hardwareConcurrency: 2 }, false);
  const location = { href: 'http://127.0.0.1/index.html', origin: 'http://127.0.0.1', protocol: 'http:', host: '127.0.0.1', pathname: '/index.html', search: '', hash: '' };
  // An accessor with a setter, as in Chromium: a write navigates the page, which is not modelled.
  Object.defineProperty(global, 'location', nameAccessor({
    get: () => location,
    set: () => host.unsupported('an assignment to location', msg('a page navigation')),
    configurable: true,
    enumerable: false,
  }, 'location'));
  define('fetch', () => {
    host.unsupported('fetch()', msg('network access'));
    return new Promise(() => undefined);
  });
  define('alert', () => host.unsupported('alert()', msg('a modal dialog')));

  return {
    domException: abort.platformDOMException,
    platformClone: abort.platformClone,
    pageLoaded() {
      // The parser finishes after the script's task: DOMContentLoaded, then load, each a task of
      // its own, queued behind the timers the script already made due (measured in Chromium:
      // a setTimeout(0) from the script runs before DOMContentLoaded).
      document.currentScript = null;
      host.postTask(() => {
        document.readyState = 'interactive';
        dispatch(document, new Event('DOMContentLoaded', { bubbles: true }), true);
      }, 'event');
      host.postTask(() => {
        document.readyState = 'complete';
        dispatch(global, new Event('load'), true);
      }, 'event');
    },
    dispatchError(error, origin, promise) {
      if (origin === 'unhandledRejection') {
        const event = new PromiseRejectionEvent('unhandledrejection', { promise, reason: error, cancelable: true });
        return !dispatch(global, event, true);
      }
      const message = `Uncaught ${errorEventText(error)}`;
      // window.onerror runs among the 'error' listeners, at its own place (handler attribute).
      const event = new ErrorEvent('error', { message, error, cancelable: true, filename: host.fileName });
      return !dispatch(global, event, true);
    },
  };
}

/**
 * V8's message for an uncaught exception, as an ErrorEvent's `message` and `onerror`'s first
 * argument carry it: the thrown value converted to a string (`[object Object]`, `1,2`, `0` for -0),
 * or "exception" when that conversion throws (measured in Chromium).
 */
function errorEventText(value: unknown): string {
  if (trackedProxyTarget(value) !== undefined) return proxyEventText(value as object);
  try {
    return String(value);
  } catch {
    return 'exception';
  }
}

const objectToString = Object.prototype.toString;

/** A data property found on `object` or its prototypes without running any code (an accessor: undefined). */
function dataProperty(object: object, key: PropertyKey): unknown {
  try {
    for (let holder: object | null = object; holder; holder = Object.getPrototypeOf(holder)) {
      if (trackedProxyTarget(holder) !== undefined) return undefined;
      const descriptor = Object.getOwnPropertyDescriptor(holder, key);
      if (descriptor) return descriptor.value;
    }
  } catch {}
  return undefined;
}

/**
 * V8 converts a thrown proxy for the error message without running its traps (measured in
 * Chromium): the source of a function target, `#<Constructor>` for a target whose toString is
 * Object.prototype's, otherwise `[object Object]`.
 */
function proxyEventText(proxy: object): string {
  let target = trackedProxyTarget(proxy);
  while (target && trackedProxyTarget(target) !== undefined) target = trackedProxyTarget(target);
  if (typeof target === 'function') {
    try {
      return Function.prototype.toString.call(target);
    } catch {}
  }
  if (target && dataProperty(target, 'toString') === objectToString) {
    const constructor = dataProperty(target, 'constructor');
    const name = typeof constructor === 'function' ? dataProperty(constructor, 'name') : undefined;
    if (typeof name === 'string' && name !== '') return `#<${name}>`;
  }
  return '[object Object]';
}

/**
 * The text after "Uncaught " (or "Uncaught (in promise) ") for a thrown value that is not an Error.
 * The differential oracle renders the exception's CDP RemoteObject the way playwright-core renders a
 * console argument, so an object or array reads like `console.log` of it (`{code: E_CUSTOM}`,
 * `[1, x]`, `Foo`, `Map(1)`); primitives come from the RemoteObject's value or unserializable value,
 * which keeps `-0`, `NaN` and `10n` (a logged bigint, by contrast, reads "undefined").
 */
export function browserUncaughtText(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  return browserFormat([value], { substitute: false });
}
