// When and how often to restart a language server that stopped unexpectedly. Kept free of the
// `vscode` API (the extension passes in how to start the server and how to tell the user), so a
// test can drive it with a fake clock, or around a real server process that it kills.

/** Restart delays after consecutive crashes; after the last one the user decides. */
export const RESTART_BACKOFF_MS: readonly number[] = [1000, 2000, 4000, 8000, 16000];
/** A server that stayed up this long is healthy again: the crash count starts over. */
export const HEALTHY_AFTER_MS = 3 * 60 * 1000;

/** What to do about a server that just stopped. */
export type RestartDecision =
  | { action: 'restart'; delayMs: number; crashes: number }
  | { action: 'ask-user'; crashes: number };

/** The clock and timers the supervisor uses; the real ones by default, fake ones in tests. */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Counts consecutive crashes and turns each into a decision (a delay from the backoff list, or asking the user). */
export class RestartPolicy {
  private crashes = 0;
  private startedAt: number;

  constructor(
    private readonly now: () => number,
    private readonly backoffMs: readonly number[] = RESTART_BACKOFF_MS,
    private readonly healthyAfterMs = HEALTHY_AFTER_MS,
  ) {
    this.startedAt = now();
  }

  /** The server (re)started now. */
  started(): void {
    this.startedAt = this.now();
  }

  /** The user asked for a restart: the count starts over. */
  reset(): void {
    this.crashes = 0;
  }

  /** The server stopped without being asked to. */
  closed(): RestartDecision {
    if (this.now() - this.startedAt > this.healthyAfterMs) this.crashes = 0;
    const delayMs = this.backoffMs[this.crashes];
    this.crashes++;
    return delayMs === undefined ? { action: 'ask-user', crashes: this.crashes } : { action: 'restart', delayMs, crashes: this.crashes };
  }
}

export interface SupervisorOptions {
  /** Starts (or restarts) the server; resolves once it runs. */
  start: () => Promise<void>;
  /** Tells the user what is happening (a restart is scheduled, or it is up to them now). */
  notify: (decision: RestartDecision) => void;
  /** Called when a scheduled restart fails. */
  onStartError?: (error: unknown) => void;
  scheduler?: Scheduler;
  backoffMs?: readonly number[];
  healthyAfterMs?: number;
}

/** Restarts a server that stopped unexpectedly, with backoff, never silently and never in a tight loop. */
export class ServerSupervisor {
  private readonly scheduler: Scheduler;
  private readonly policy: RestartPolicy;
  private pending: unknown;
  private disposed = false;

  constructor(private readonly options: SupervisorOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.policy = new RestartPolicy(() => this.scheduler.now(), options.backoffMs, options.healthyAfterMs);
  }

  /** Starts the server now (activation, or the user's "Restart"). */
  async start(): Promise<void> {
    this.policy.started();
    await this.options.start();
  }

  /** The user chose to restart after the supervisor gave up. */
  async restartByUser(): Promise<void> {
    this.policy.reset();
    await this.start();
  }

  /** The server's connection closed without a stop request: decide, tell, and maybe schedule a restart. */
  serverClosed(): RestartDecision | undefined {
    if (this.disposed) return undefined;
    const decision = this.policy.closed();
    this.options.notify(decision);
    if (decision.action === 'restart') {
      if (this.pending !== undefined) this.scheduler.clearTimeout(this.pending);
      this.pending = this.scheduler.setTimeout(() => {
        this.pending = undefined;
        if (this.disposed) return;
        this.start().catch((error: unknown) => this.options.onStartError?.(error));
      }, decision.delayMs);
    }
    return decision;
  }

  /** Whether a restart is scheduled and not yet run. */
  get restartPending(): boolean {
    return this.pending !== undefined;
  }

  /** No more restarts (the extension is deactivating). */
  dispose(): void {
    this.disposed = true;
    if (this.pending !== undefined) this.scheduler.clearTimeout(this.pending);
    this.pending = undefined;
  }
}
