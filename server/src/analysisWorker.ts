// Runs the static analysis off the language server's main loop. On a 5,000-line file one
// `analyzeFile` takes about a second (several under load), which would freeze hovers, hints and
// typing if it ran on the thread that answers the editor. The server bundle starts itself a
// second time as a worker thread (no extra bundle to ship); `isAnalysisWorker()` tells the entry
// point which role it plays.
import * as fs from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as ts from 'typescript';
import { analyzeFile, type AnalysisOptions, type Finding } from './analysis';

const ROLE = 'looplens-analysis-worker';
/** A run that takes longer than this is treated as hung: the worker is replaced. */
const ANALYSIS_TIMEOUT_MS = 30_000;

interface AnalysisRequest {
  id: number;
  fileName: string;
  text: string;
  options: AnalysisOptions;
  /** Unsaved texts of the other open documents, by absolute path: they win over the disk. */
  overlays: Record<string, string>;
}

type AnalysisResponse = { id: number; findings: Finding[] } | { id: number; error: string };

export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === ROLE;
}

/** The worker side: answers one request at a time. */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (request: AnalysisRequest) => {
    const readFile = (path: string): string | undefined => {
      if (path === request.fileName) return request.text;
      if (Object.prototype.hasOwnProperty.call(request.overlays, path)) return request.overlays[path];
      try {
        return fs.readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    };
    const host = {
      readFile,
      fileExists: (path: string) => path === request.fileName || Object.prototype.hasOwnProperty.call(request.overlays, path) || isFile(path),
      directoryExists: (path: string) => isDirectory(path),
      getDirectories: (path: string) => directories(path),
      realpath: (path: string) => realpath(path),
    };
    let response: AnalysisResponse;
    try {
      response = { id: request.id, findings: analyzeFile(ts, request.text, request.fileName, host, request.options) };
    } catch (error) {
      response = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(response);
  });
}

function isFile(path: string): boolean {
  try {
    return fs.statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function directories(path: string): string[] {
  try {
    return fs.readdirSync(path, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
}

function realpath(path: string): string {
  try {
    return fs.realpathSync.native(path);
  } catch {
    return path;
  }
}

interface Pending {
  resolve(findings: Finding[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** The server side: one worker, requests answered in order, a hung or crashed worker replaced. */
export class AnalysisWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly scriptPath: string,
    private readonly log: (message: string) => void,
  ) {}

  analyze(fileName: string, text: string, options: AnalysisOptions, overlays: Record<string, string>): Promise<Finding[]> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Finding[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.log(`analysis of ${fileName} took over ${ANALYSIS_TIMEOUT_MS} ms; restarting the analysis worker`);
        this.replaceWorker(new Error('analysis timed out'));
      }, ANALYSIS_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, fileName, text, options, overlays } satisfies AnalysisRequest);
    });
  }

  /** Starts the worker ahead of the first request. */
  warmUp(): void {
    this.ensureWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath, { workerData: { role: ROLE } });
    worker.unref();
    worker.on('message', (response: AnalysisResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      clearTimeout(pending.timer);
      if ('error' in response) pending.reject(new Error(response.error));
      else pending.resolve(response.findings);
    });
    worker.on('error', (error) => {
      this.log(`analysis worker failed: ${error.stack ?? error.message}`);
      if (this.worker === worker) this.replaceWorker(error);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.replaceWorker(new Error(`analysis worker exited with code ${code}`));
    });
    this.worker = worker;
    return worker;
  }

  /** Fails everything in flight and drops the worker; the next request starts a fresh one. */
  private replaceWorker(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(reason);
      this.pending.delete(id);
    }
    void worker?.terminate();
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.replaceWorker(new Error('the server is shutting down'));
    await worker?.terminate();
  }
}
