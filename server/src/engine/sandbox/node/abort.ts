// AbortController and AbortSignal (Node 20 globals that QuickJS lacks; streams, timers/promises
// and events.once take a `signal`). A small EventTarget is enough for what they dispatch.

type Listener = ((event: any) => void) | { handleEvent(event: any): void };

export class SandboxEvent {
  readonly type: string;
  target: unknown = null;
  currentTarget: unknown = null;
  defaultPrevented = false;
  readonly timeStamp = 0;
  constructor(type: string) {
    this.type = String(type);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class SandboxEventTarget {
  #listeners = new Map<string, { listener: Listener; once: boolean }[]>();
  addEventListener(type: string, listener: Listener | null, options?: boolean | { once?: boolean }): void {
    if (!listener) return;
    const list = this.#listeners.get(type) ?? [];
    if (list.some((entry) => entry.listener === listener)) return;
    list.push({ listener, once: typeof options === 'object' && options !== null && Boolean(options.once) });
    this.#listeners.set(type, list);
  }
  removeEventListener(type: string, listener: Listener | null): void {
    const list = this.#listeners.get(type);
    if (!list) return;
    const index = list.findIndex((entry) => entry.listener === listener);
    if (index >= 0) list.splice(index, 1);
  }
  dispatchEvent(event: SandboxEvent): boolean {
    event.target = this;
    event.currentTarget = this;
    const handlerProperty = (this as any)[`on${event.type}`];
    if (typeof handlerProperty === 'function') handlerProperty.call(this, event);
    for (const entry of [...(this.#listeners.get(event.type) ?? [])]) {
      if (entry.once) this.removeEventListener(event.type, entry.listener);
      if (typeof entry.listener === 'function') entry.listener.call(this, event);
      else entry.listener.handleEvent(event);
    }
    return !event.defaultPrevented;
  }
}

function abortReason(): Error {
  // Node 20 uses a DOMException named AbortError; QuickJS has no DOMException.
  const error = new Error('This operation was aborted') as Error & { code: number };
  error.name = 'AbortError';
  error.code = 20;
  return error;
}

export class AbortSignal extends SandboxEventTarget {
  aborted = false;
  reason: unknown = undefined;
  onabort: ((event: unknown) => void) | null = null;
  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }
  static abort(reason?: unknown): AbortSignal {
    const signal = new AbortSignal();
    signal.aborted = true;
    signal.reason = reason === undefined ? abortReason() : reason;
    return signal;
  }
  static timeout(_ms: number): AbortSignal {
    const controller = new AbortController();
    setTimeout(() => {
      const error = new Error('The operation was aborted due to timeout');
      error.name = 'TimeoutError';
      controller.abort(error);
    }, _ms);
    return controller.signal;
  }
}

export class AbortController {
  readonly signal = new AbortSignal();
  abort(reason?: unknown): void {
    const signal = this.signal;
    if (signal.aborted) return;
    signal.aborted = true;
    signal.reason = reason === undefined ? abortReason() : reason;
    signal.dispatchEvent(new SandboxEvent('abort'));
  }
}

// The bundler may rename these bindings; the names programs print are the DOM's.
for (const [constructor, name] of [
  [SandboxEvent, 'Event'],
  [SandboxEventTarget, 'EventTarget'],
  [AbortSignal, 'AbortSignal'],
  [AbortController, 'AbortController'],
] as const) {
  Object.defineProperty(constructor, 'name', { value: name, configurable: true });
}
