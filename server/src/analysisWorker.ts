// Runs the static analysis off the language server's main loop. On a 5,000-line file one
// `analyzeFile` takes 100-200 ms of CPU, and a 5 MB document seconds: on the thread that answers
// the editor that would freeze hovers, hints and typing. Documents too large to parse there are
// also scanned here (`scan`) for their hovers. The server bundle starts itself a second time as a
// worker thread (no extra bundle to ship); `isAnalysisWorker()` tells the entry point which role it plays.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, parentPort, Worker, workerData, type ResourceLimits } from 'node:worker_threads';
import { Minimatch } from 'minimatch';
// The default import is TypeScript's own module object. `import * as ts` gives the bundler's
// namespace copy, whose every property is a getter: each `ts.isX` and `ts.SyntaxKind` read in the
// analysis' walks became a call (7% of the worker's CPU in a profile of 5,000-line checks).
import ts from 'typescript';
import { analyzeFile, IncrementalParser, ModuleGraph, type AnalysisHost, type AnalysisOptions, type Finding } from './analysis';
import { densePracticeFile, largePracticeFile, practiceFiles, type PracticeFile } from './analysisPractice';
import { scanSource, type SourceScan } from './features/sourceScan';
import type { AnalysisWarmUpStats, AnalysisWorkerStats } from './protocol';

const ROLE = 'looplens-analysis-worker';
/**
 * A run that takes longer than this is treated as hung: the worker is replaced. Requests queue in
 * the worker, so the allowance grows with the text waiting ahead of and in the request: a 5 MB
 * document takes seconds of CPU to parse and analyse, many times that in wall time on a loaded machine.
 */
const ANALYSIS_TIMEOUT_MS = 30_000;
const ANALYSIS_TIMEOUT_MS_PER_MB = 20_000;

/** Which files the circular-import scan reads: glob patterns relative to the workspace folder. */
export interface CycleScanFilter {
  include: string[];
  exclude: string[];
}

/** What a file watcher reported, already turned into an absolute path. */
export interface FileChange {
  file: string;
  kind: 'created' | 'changed' | 'deleted';
}

export interface GraphScope {
  /** The workspace folder the graph belongs to ('' for files outside every folder). */
  root: string;
  filter: CycleScanFilter;
  /** Unsaved texts of the open documents in this folder, by absolute path: they win over the disk. */
  openFiles: Record<string, string>;
}

type AnalysisRequest =
  | ({ type: 'analyze'; id: number; fileName: string; text: string; options: AnalysisOptions } & GraphScope)
  | ({ type: 'files'; id: number; changes: FileChange[] } & GraphScope)
  | ({ type: 'addFiles'; id: number; files: string[]; maxModules: number; withCycles: boolean } & GraphScope)
  | { type: 'scan'; id: number; fileName: string; text: string }
  | { type: 'stats'; id: number; collectGarbage: boolean }
  | { type: 'warmUp'; rounds: number; denseRounds: number; largeRounds: number };

/** A request as posted: stamped with the wall clock, so the worker can tell how long it waited in the queue. */
type PostedRequest = AnalysisRequest & { sentAt?: number };

/** Milliseconds since the epoch with sub-millisecond resolution, comparable between the server's threads. */
function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * `findings`: the analysed file's own findings without its cycle hazards (options applied).
 * `cycles`: the raw cycle-hazard findings (no options applied) of the analysed file and of every
 * open file in the same graph, by path — an edit in one module can add or remove a hazard whose
 * reading line is in another file. Null when the cycle scan did not run.
 */
export interface AnalysisAnswer {
  findings: Finding[];
  cycles: Record<string, Finding[]> | null;
  /** For a workspace scan step: how many of its files it took before its time budget ran out. */
  filesTaken?: number;
  /**
   * For a workspace scan step: how many modules its files import that it has not visited yet (the
   * next step visits them first; the scan is complete only when none are left).
   */
  scanBacklog?: number;
}

type AnalysisResponse =
  | ({ id: number } & AnalysisAnswer)
  | { id: number; scan: SourceScan }
  | { id: number; stats: AnalysisWorkerStats }
  | { id: number; error: string };

export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === ROLE;
}

/** True for the project files that decide module resolution, whose change re-resolves every import. */
function isResolutionConfig(file: string): boolean {
  return /(?:^|[\\/])(?:tsconfig|jsconfig)(?:\.[^\\/]*)?\.json$|(?:^|[\\/])package\.json$/.test(file);
}

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

/** The file's path as the globs see it: relative to the folder with forward slashes, or absolute outside any folder. */
function globPath(root: string, file: string): string {
  const relative = root ? path.relative(root, file) : '';
  const chosen = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  return chosen.split(path.sep).join('/');
}

/** Compiles include/exclude globs once; `dot` so that files in folders like `.config` are not silently skipped. */
export function createScanMatcher(root: string, filter: CycleScanFilter): (file: string) => boolean {
  const include = filter.include.map((pattern) => new Minimatch(pattern, { dot: true }));
  const exclude = filter.exclude.map((pattern) => new Minimatch(pattern, { dot: true }));
  return (file) => {
    const candidate = globPath(root, file);
    return include.some((m) => m.match(candidate)) && !exclude.some((m) => m.match(candidate));
  };
}

/** One long-lived module graph per workspace folder, with the open documents it has been told about. */
interface FolderGraph {
  graph: ModuleGraph;
  filterKey: string;
  inScan: (file: string) => boolean;
  open: Map<string, string>;
  /** Modules a workspace scan step had still to visit when its time ran out: the next step starts with them. */
  scanBacklog: string[];
}

const diskHost: AnalysisHost = {
  readFile: (file: string) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  fileExists: (file: string) => isFile(file),
  directoryExists: (dir: string) => isDirectory(dir),
  getDirectories: (dir: string) => directories(dir),
  realpath: (file: string) => realpath(file),
  filesInDirectory: (dir: string) => filesIn(dir),
};

const folderGraphs = new Map<string, FolderGraph>();

/**
 * The last tree of each document analysed: the next version of a document being edited is parsed
 * incrementally. Texts over 2 MB are not kept (their trees take hundreds of megabytes).
 */
const parser = new IncrementalParser(ts, { capacity: 8, maxTextLength: 2 * 1024 * 1024 });

/** The folder's graph, rebuilt when its include/exclude settings changed (module facts stay cached by content). */
function graphFor(scope: GraphScope): FolderGraph {
  const filterKey = JSON.stringify(scope.filter);
  let entry = folderGraphs.get(scope.root);
  if (!entry || entry.filterKey !== filterKey) {
    const inScan = createScanMatcher(scope.root, scope.filter);
    // A source file outside the scan reads as missing, so it never enters the graph and no cycle runs through it.
    const host: AnalysisHost = { ...diskHost, readFile: (file) => (SOURCE_FILE.test(file) && !inScan(file) ? undefined : diskHost.readFile(file)) };
    entry = { graph: new ModuleGraph(ts, host), filterKey, inScan, open: new Map(), scanBacklog: [] };
    folderGraphs.set(scope.root, entry);
  }
  return entry;
}

/** Brings the graph's view of the open documents up to date: changed buffers replace the disk, closed ones go back to it. */
function syncOpenFiles(entry: FolderGraph, openFiles: Record<string, string>, except?: string): void {
  for (const [file, text] of Object.entries(openFiles)) {
    if (file === except || !entry.inScan(file) || entry.open.get(file) === text) continue;
    entry.graph.setFileText(file, text);
    entry.open.set(file, text);
  }
  for (const file of [...entry.open.keys()]) {
    if (file === except || Object.prototype.hasOwnProperty.call(openFiles, file)) continue;
    entry.open.delete(file);
    entry.graph.invalidate(file);
    // A closed document is not edited again soon: its tree would only wait for eviction.
    parser.forget(file);
  }
}

/** The raw cycle findings of every open file of the graph (and of `extra`), grouped by file. */
function cycleFindingsByFile(entry: FolderGraph, extra?: string): Record<string, Finding[]> {
  const all = entry.graph.cycleFindings();
  const result: Record<string, Finding[]> = {};
  const files = new Set(entry.open.keys());
  if (extra) files.add(extra);
  for (const file of files) result[file] = [];
  for (const finding of all) if (files.has(finding.file)) result[finding.file].push(finding);
  return result;
}

const MB = 1024 * 1024;

/**
 * How long one workspace scan step may add files, in ms: a user's check that arrives meanwhile
 * waits for at most this (plus the one file in progress, which a large file makes longer).
 */
const SCAN_STEP_BUDGET_MS = 20;

/**
 * A full garbage collection, for `looplens/debugStats` only (never on the editor's path): the flag
 * exposes V8's `gc` to contexts created afterwards, and a fresh context hands it over.
 */
export function collectGarbage(): void {
  exposedGarbageCollector()?.();
}

/** V8's `gc`, exposed as `collectGarbage` exposes it; undefined where the flag cannot be set. */
type GarbageCollector = (options?: { type: 'minor' | 'major' }) => void;
let garbageCollector: GarbageCollector | undefined | null = null;

function exposedGarbageCollector(): GarbageCollector | undefined {
  if (garbageCollector === null) {
    try {
      setFlagsFromString('--expose-gc');
      garbageCollector = runInNewContext('gc') as GarbageCollector;
    } catch {
      garbageCollector = undefined;
    }
  }
  return garbageCollector;
}

/**
 * Bytes a full parse and analysis allocate per character of text, a little above what was measured
 * (session 10): the benchmark's 5,000-line file (155,000 characters) allocated 10.3 MB in the parse
 * and 2 MB in the analysis, ~80 bytes a character.
 */
const CHECK_ALLOCATION_BYTES_PER_CHAR = 90;

/** Young-generation collections run before a full parse, and their wall time: `looplens/debugStats` reports them. */
const collectionsBeforeParse = { count: 0, totalMs: 0 };

/**
 * Before a document is parsed in full (no tree of it is kept), empties the young generation when
 * what the check will allocate does not fit in what is left of it, so that the new tree is built
 * without a scavenge in the middle.
 *
 * Why (session 10, the benchmark's 5,000-line file): when the young generation fills during a check,
 * the scavenge copies the half-built tree, which is alive and is then promoted anyway. At this point
 * the trees of the documents closed since the last request are already dropped (`syncOpenFiles`), so
 * what is left in the young generation is mostly garbage and the collection costs ~1 ms; when an open
 * document's tree is still there, it copies that tree, as a scavenge during the check would have.
 * Measured with `--trace-gc` in the analysis worker, 12 checks of the benchmark's 5,000-line file:
 * before, one allocation scavenge inside each check, pausing 3.4-6.5 ms, and the parse took 26-36 ms;
 * now one forced scavenge before each check, 0.55-0.77 ms, none inside, and the parse took 13.5-25 ms
 * (load 3-5 on 2 cores). It needs a young generation with room for a whole check
 * (`ANALYSIS_YOUNG_GENERATION_MB`); a text too large for it still gets an empty one to start with.
 */
function makeRoomForFullParse(fileName: string, text: string): void {
  if (parser.has(fileName)) return;
  const needed = text.length * CHECK_ALLOCATION_BYTES_PER_CHAR;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name === 'new_space' && space.space_available_size >= needed) return;
  }
  const collect = exposedGarbageCollector();
  if (!collect) return;
  const started = performance.now();
  collect({ type: 'minor' });
  collectionsBeforeParse.count++;
  collectionsBeforeParse.totalMs += performance.now() - started;
}

/** What this worker holds, for `looplens/debugStats`. */
function workerStats(collect: boolean): AnalysisWorkerStats {
  if (collect) collectGarbage();
  // This isolate's heap (process.memoryUsage's rss would count every thread of the process).
  const heap = getHeapStatistics();
  let openFilesInGraphs = 0;
  let modulesInGraphs = 0;
  for (const entry of folderGraphs.values()) {
    openFilesInGraphs += entry.open.size;
    modulesInGraphs += entry.graph.size;
  }
  const youngGeneration = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return { heapUsedMb: Math.round(heap.used_heap_size / MB * 10) / 10, heapTotalMb: Math.round(heap.total_heap_size / MB * 10) / 10, folderGraphs: folderGraphs.size, openFilesInGraphs, modulesInGraphs, warmUp: warmUp.snapshot(),
    youngGenerationMb: youngGeneration ? Math.round(youngGeneration.space_size / MB * 10) / 10 : undefined,
    collectionsBeforeParse: { count: collectionsBeforeParse.count, totalMs: Math.round(collectionsBeforeParse.totalMs * 10) / 10 } };
}

function answer(request: Exclude<AnalysisRequest, { type: 'scan' | 'stats' | 'warmUp' }>): AnalysisAnswer {
  if (request.type === 'addFiles') {
    // One step of the workspace scan: the files (and what they import) join the folder's graph
    // until it holds `maxModules`, so that a huge folder cannot fill the worker's heap.
    const entry = graphFor(request);
    // Only the last step carries the open buffers (they matter for its findings): copying every
    // open document's text into each of hundreds of steps would cost more than the step's own work.
    if (request.withCycles) syncOpenFiles(entry, request.openFiles);
    const started = performance.now();
    const full = (): boolean => entry.graph.size >= request.maxModules;
    // The budget is looked at after every module loaded, also inside one file's imports: a file that
    // pulls in thousands of modules is spread over several steps (what is left waits in the backlog).
    const stop = (): boolean => full() || performance.now() - started >= SCAN_STEP_BUDGET_MS;
    // A full graph takes no more: what is left of the backlog and the rest of the step are done.
    entry.scanBacklog = full() ? [] : entry.graph.addReachableFrom(entry.scanBacklog, stop);
    let filesTaken = 0;
    // Each step makes progress: it visits at least one module of the backlog, or takes at least one file.
    while (entry.scanBacklog.length === 0 && filesTaken < request.files.length) {
      if (full()) {
        filesTaken = request.files.length;
        break;
      }
      const file = request.files[filesTaken++];
      if (entry.inScan(file)) entry.scanBacklog = entry.graph.addReachableFrom([file], stop);
      if (stop()) break;
    }
    if (full()) entry.scanBacklog = [];
    return { findings: [], cycles: request.withCycles ? cycleFindingsByFile(entry) : null, filesTaken, scanBacklog: entry.scanBacklog.length };
  }
  if (request.type === 'files') {
    const entry = folderGraphs.get(request.root);
    if (!entry) return { findings: [], cycles: null };
    syncOpenFiles(entry, request.openFiles);
    let resolutionsMayChange = false;
    for (const change of request.changes) {
      if (change.kind !== 'changed' || isResolutionConfig(change.file)) resolutionsMayChange = true;
      // An open document's buffer wins over the disk until it is closed.
      if (entry.open.has(change.file) || !SOURCE_FILE.test(change.file)) continue;
      entry.graph.invalidate(change.file);
    }
    if (resolutionsMayChange) entry.graph.refreshResolutions();
    return { findings: [], cycles: cycleFindingsByFile(entry) };
  }
  const wantsCycles = !request.options.families || request.options.families.includes('circular-import');
  const entry = wantsCycles ? graphFor(request) : undefined;
  if (!entry || !entry.inScan(request.fileName)) {
    // An excluded file (say, a bundle in dist/) gets its own findings but no cycle scan.
    const families = request.options.families?.filter((kind) => kind !== 'circular-import') ?? ['tdz', 'hoisting', 'leak', 'nondeterminism', 'unsupported'];
    makeRoomForFullParse(request.fileName, request.text);
    return { findings: analyzeFile(ts, request.text, request.fileName, diskHost, { ...request.options, families, parser }), cycles: null };
  }
  syncOpenFiles(entry, request.openFiles, request.fileName);
  entry.open.set(request.fileName, request.text);
  makeRoomForFullParse(request.fileName, request.text);
  const findings = analyzeFile(ts, request.text, request.fileName, diskHost, { ...request.options, moduleGraph: entry.graph, parser });
  // The cycle hazards travel raw in `cycles` (for this file and the other open ones), so they are dropped here.
  return { findings: findings.filter((finding) => finding.kind !== 'circular-import'), cycles: cycleFindingsByFile(entry, request.fileName) };
}

/**
 * The practice steps of a warm-up, one `analyzeFile` each: every file of a round analysed in the
 * round's own module graph (so the cycle pass runs), then one file edited and analysed again (the
 * incremental parse a document being typed in takes). After the small rounds, `denseRounds` rounds of
 * one dense module each (`densePracticeFile`), then `largeRounds` of one large file each
 * (`largePracticeFile`). Files are served from memory by a host that knows only them: a warm-up never
 * reads the disk, let alone the user's workspace.
 */
function* practiceSteps(rounds: number, denseRounds: number, largeRounds: number): Generator<void, void, void> {
  for (let round = 0; round < rounds; round++) yield* practiceRound(practiceFiles(round), round);
  for (let round = 0; round < denseRounds; round++) {
    practiseAlone(densePracticeFile(round, DENSE_PRACTICE_LINES));
    yield;
  }
  for (let round = 0; round < largeRounds; round++) {
    practiseAlone(largePracticeFile(round, LARGE_PRACTICE_COPIES));
    yield;
  }
}

/** One small round: its files in one module graph, a step each, then one of them edited. */
function* practiceRound(files: PracticeFile[], round: number): Generator<void, void, void> {
  const practice = new Practice(files);
  try {
    // The smallest file first: the very first step compiles the parser, and is the longest a request can wait.
    for (const file of [...files].sort((a, b) => a.text.length - b.text.length)) {
      practice.analyze(file.fileName, file.text);
      yield;
    }
    const [edited] = files;
    practice.analyze(edited.fileName, edited.text.replace('\nfunction ', `\nconsole.log('edited', ${round});\nfunction `));
  } finally {
    practice.dispose();
  }
  yield;
}

/**
 * One file practised on its own, in one step: its tree and everything its check made are garbage once
 * this returns (no generator frame holds them into the next step).
 *
 * Session 11: the dense rounds at first grew the old generation to 162 MB before its first mark-compact
 * (process RSS 257-269 MB after the warm-up against 236 before). A sampling heap profile of what
 * survived young-generation collections pointed at the one-file program and checker that a getter
 * reading `this` makes the scopes ask for (createBindingResolver): part of it outlives the check until
 * a full collection. The dense module has no such getter now. A forced full collection at the end of
 * the warm-up was tried first and dropped: it brought the RSS back to 231-240 MB but discarded the
 * optimised code, so the first checks after it recompiled 36 and 31 functions and took 156-174 ms
 * (59-94 ms without it), which undid the dense rounds.
 */
function practiseAlone(file: PracticeFile): void {
  const practice = new Practice([file]);
  try {
    practice.analyze(file.fileName, file.text);
  } finally {
    practice.dispose();
  }
}

/** Practice files in a module graph of their own, served from memory, with a parser of their own. */
class Practice {
  private readonly texts: Map<string, string>;
  private readonly host: AnalysisHost;
  private readonly graph: ModuleGraph;
  private readonly parser: IncrementalParser;

  constructor(private readonly files: PracticeFile[]) {
    const texts = this.texts = new Map(files.map((file) => [file.fileName, file.text]));
    const folder = path.posix.dirname(files[0].fileName);
    const names = files.map((file) => path.posix.basename(file.fileName));
    const host: AnalysisHost = {
      readFile: (file) => texts.get(file),
      fileExists: (file) => texts.has(file),
      directoryExists: (dir) => dir === folder,
      getDirectories: () => [],
      realpath: (file) => file,
      filesInDirectory: (dir) => (dir === folder ? names : undefined),
    };
    this.host = host;
    this.graph = new ModuleGraph(ts, host);
    // Its own parser, so that practice trees never push a user's document out of the shared one.
    this.parser = new IncrementalParser(ts, { capacity: files.length });
  }

  analyze(fileName: string, text: string): void {
    analyzeFile(ts, text, fileName, this.host, { moduleGraph: this.graph, parser: this.parser });
  }

  /**
   * The module facts cache is shared with the real graphs: practice files leave nothing in it, even
   * when a step threw (gone from the host first, so that invalidating does not read them again).
   */
  dispose(): void {
    this.texts.clear();
    for (const file of this.files) this.graph.invalidate(file.fileName);
  }
}

/**
 * How long the worker must have had no document request before a paused warm-up goes on. The
 * extension activates when a JavaScript or TypeScript file opens, so a document usually arrives
 * right after start: a warm-up that stopped for good would rarely run at all. A second is longer
 * than the 300 ms debounce between a user's edits, so practice does not interleave with typing.
 */
const WARM_UP_RESUME_AFTER_IDLE_MS = 1000;

/**
 * Warm-up while idle: practice steps run one per event-loop turn, so a request that arrives waits
 * for at most the step in progress. A document request pauses the warm-up; it goes on once the
 * worker has been idle for WARM_UP_RESUME_AFTER_IDLE_MS. The stats request does not pause it.
 */
class WarmUp {
  private steps: Generator<void, void, void> | undefined;
  private readonly stats: AnalysisWarmUpStats = { state: 'not started', rounds: 0, steps: 0, busyMs: 0, longestStepMs: 0, pauses: 0 };
  /** When the steps since the last pause started (wall clock): what `pause` checks a request's posting time against. */
  private stepStarts: number[] = [];
  private resumeTimer: NodeJS.Timeout | undefined;
  private stepScheduled = false;

  start(rounds: number, denseRounds: number, largeRounds: number): void {
    if (this.stats.state !== 'not started') return;
    this.stats.state = 'running';
    this.stats.rounds = rounds;
    this.steps = practiceSteps(rounds, denseRounds, largeRounds);
    this.schedule();
  }

  /** Pauses the warm-up for the document request posted at `sentAt`, recording what that request waited for. */
  pause(sentAt: number | undefined): void {
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    if (this.stats.state !== 'running' && this.stats.state !== 'paused') return;
    const wasRunning = this.stats.state === 'running';
    this.stats.state = 'paused';
    if (!wasRunning || sentAt === undefined) return;
    this.stats.pauses++;
    const waited = Math.round((wallClockMs() - sentAt) * 10) / 10;
    this.stats.longestRequestWaitMs = Math.max(this.stats.longestRequestWaitMs ?? 0, waited);
    // The threads' clocks agree to well under a millisecond; a step counted here started after the
    // request was already queued, which the one-step-per-turn design must never let happen.
    const late = this.stepStarts.filter((started) => started > sentAt + 1).length;
    this.stats.stepsStartedAfterRequest = (this.stats.stepsStartedAfterRequest ?? 0) + late;
    this.stepStarts = [];
  }

  /** The worker answered a document request: a paused warm-up goes on if nothing else comes for a while. */
  idle(): void {
    if (this.stats.state !== 'paused') return;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = undefined;
      if (this.stats.state !== 'paused') return;
      this.stats.state = 'running';
      this.schedule();
    }, WARM_UP_RESUME_AFTER_IDLE_MS);
  }

  snapshot(): AnalysisWarmUpStats {
    return { ...this.stats, busyMs: Math.round(this.stats.busyMs), longestStepMs: Math.round(this.stats.longestStepMs * 10) / 10 };
  }

  private schedule(): void {
    if (this.stepScheduled) return;
    this.stepScheduled = true;
    setImmediate(() => {
      this.stepScheduled = false;
      this.step();
    });
  }

  private step(): void {
    const steps = this.steps;
    if (!steps || this.stats.state !== 'running') return;
    const started = performance.now();
    this.stepStarts.push(wallClockMs());
    let finished: boolean;
    try {
      finished = steps.next().done === true;
    } catch (error) {
      // A practice step that fails is the analysis's bug, not the user's: report it and stop practising.
      console.error(`[looplens] analysis warm-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      finished = true;
    }
    const elapsed = performance.now() - started;
    this.stats.busyMs += elapsed;
    this.stats.longestStepMs = Math.max(this.stats.longestStepMs, elapsed);
    if (finished) {
      this.stats.state = 'done';
      this.steps = undefined;
      return;
    }
    this.stats.steps++;
    this.schedule();
  }
}

const warmUp = new WarmUp();

/** The worker side: answers one request at a time. */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (request: PostedRequest) => {
    if (request.type === 'warmUp') {
      warmUp.start(request.rounds, request.denseRounds, request.largeRounds);
      return;
    }
    // Workspace scan steps run at idle priority, like the warm-up: they neither pause nor resume it.
    const fromUser = request.type !== 'stats' && request.type !== 'addFiles';
    if (fromUser) warmUp.pause(request.sentAt);
    let response: AnalysisResponse;
    try {
      if (request.type === 'scan') response = { id: request.id, scan: scanSource(ts, request.text, request.fileName) };
      else if (request.type === 'stats') response = { id: request.id, stats: workerStats(request.collectGarbage) };
      else response = { id: request.id, ...answer(request) };
    } catch (error) {
      response = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(response);
    if (fromUser) warmUp.idle();
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

/** The files directly in a folder (symbolic links followed), or undefined when it cannot be read. */
function filesIn(dir: string): string[] | undefined {
  try {
    return fs.readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && isFile(path.join(dir, entry.name))))
      .map((entry) => entry.name);
  } catch {
    return undefined;
  }
}

function realpath(path: string): string {
  try {
    return fs.realpathSync.native(path);
  } catch {
    return path;
  }
}

const EMPTY_SCAN: SourceScan = { consoleCalls: [], schedulingSites: [], declarations: [] };

function toAnswer(response: AnalysisResponse): AnalysisAnswer {
  return 'findings' in response ? { findings: response.findings, cycles: response.cycles, filesTaken: response.filesTaken, scanBacklog: response.scanBacklog } : { findings: [], cycles: null };
}

interface Pending {
  /** Characters of document text the request carries (what its time allowance grows with). */
  chars: number;
  resolve(response: AnalysisResponse): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The analysis worker's young generation, in MB. A check of a large file allocates its whole tree
 * and scope tables at once, and that tree stays alive in the document's parser. With a small young
 * generation (6 MB, sessions 2-5) each 5,000-line check ran about ten scavenges, each copying the
 * half-built tree, which then was promoted anyway. Sessions 2 and 5 compared sizes only on a loaded
 * machine (load 6-8, 4-5 engineers on 2 cores), where the difference drowned in noise, so the small
 * size was kept for its smaller idle heap. Session 6 measured on a quiet machine (load < 2,
 * `bench --only=diagnostics`, settled median of rounds 3-11 in the analysis worker):
 * 6 MB 52.6-58.5 ms wall, 76-89 ms CPU; 16 MB 40.9-43.9 ms; 32 MB 31.1-33.4 ms, 35-48 ms CPU;
 * 64 MB 31.2-34.1 ms with a 130 MB heap. In the same minutes `bench --only=server` showed no
 * cost in memory: serverRssMb 182.3 (6 MB) and 180.1 (32 MB), soak growth 7.1 and 7.5 MB, idle
 * RSS after the warm-up 187.2 and 187.9 MB. V8 sizes the young generation up to this limit only
 * when allocation is fast, so an idle worker does not hold it all.
 *
 * Session 10: 32 MB gives two 16 MB semi-spaces (V8's new space reported 15.7 MB free when empty),
 * room for a whole 5,000-line check (~12 MB), which `makeRoomForFullParse` relies on.
 */
const ANALYSIS_YOUNG_GENERATION_MB = 32;

/** The analysis worker's resource limits; the benchmark reports them with its 5,000-line rows. */
export const ANALYSIS_WORKER_RESOURCE_LIMITS: Readonly<ResourceLimits> = { maxYoungGenerationSizeMb: ANALYSIS_YOUNG_GENERATION_MB };

/**
 * Rounds of practice the worker runs after start (see `WarmUp`). Measured in a fresh worker (session
 * 4, loaded machine, CPU ms of the process, 2-6 runs each): the first check of the benchmark's
 * 5,000-line file after 0 / 4 / 8 / 16 rounds took 560-800 / 530-600 / 330-470 / 310-340 ms,
 * the warm-up itself 0 / 550-650 / 930-1,140 / 1,370-1,590 ms. Eight is the knee. Even 24 rounds
 * (370-400 ms, 2.6-3 s of warm-up) did not reach the steady state of 115-190 ms, which comes by the
 * fifth or sixth 5,000-line check whatever the warm-up (session 11 found why: see the dense rounds).
 * Eight rounds keep 6 MB more of the worker's heap after a full collection (21.6 -> 27.8 MB used,
 * not broken down further), 11 MB more committed.
 */
const ANALYSIS_WARM_UP_ROUNDS = 8;

/**
 * Rounds on a large practice file after the small ones, and its size (copies of the CommonJS
 * practice script: 16 make about 2,000 lines). Measured (session 5, loaded machine, 3 alternated
 * fresh workers each, CPU ms of the process): the first check of the benchmark's 5,000-line file
 * after the warm-up took 454/294/267 ms with no large rounds, 280/181/185 after 4 rounds of 16
 * copies, 205/137/145 after 4 rounds of 40 copies; the warm-up's busy time grew from ~1 s to ~2 s
 * and ~3-6 s. Through the server (load ~5.5), the first open of that file to its diagnostics went
 * from 830-920 to 478-509 ms. The cost: 10-18 MB more idle RSS, and the longest step (the longest a
 * document request can wait behind the warm-up) 384-403 ms instead of 100-124 under that load;
 * 40 copies would roughly double it.
 *
 * Session 11: none by default, since the dense rounds below do their work better and in shorter
 * steps. Quiet machine, fresh workers alternated, the benchmark's 5,000-line check: 96 dense rounds
 * and no large ones gave a median of checks 3-11 of 40-41 ms wall (first check 59-94 ms, longest
 * practice step 80-83 ms); with 4 large rounds after them 45-62 ms (first 51-58, longest step
 * 98-123 ms); the previous warm-up (4 large rounds, no dense ones) 54-63 ms (first 105-208 ms,
 * longest step 193-324 ms). LOOPLENS_ANALYSIS_WARM_UP_LARGE_ROUNDS still adds them.
 */
const ANALYSIS_WARM_UP_LARGE_ROUNDS = 0;
const LARGE_PRACTICE_COPIES = 16;

/**
 * Rounds on a dense practice module (`densePracticeFile`) after the small ones, and its length.
 * Session 11 (`--trace-opt --trace-deopt` on the benchmark's 5,000-line check in a fresh worker):
 * after the small and large rounds, V8 still compiled 46 functions with TurboFan during the first
 * check and 61 more during checks 3-11 (parseClassElement, createClassDeclaration, checkDeclarations,
 * checkListeners, checkGrowingCollections...), and deoptimised isQuiet and checkVarRedeclaration on a
 * `var` in a function body, which no practice file had. V8 optimises a function once it has run a
 * certain amount of bytecode, so code that runs once per declaration needs practice on thousands of
 * declarations, which a few script-shaped files do not give however often they are repeated (12 large
 * rounds instead of 4 changed nothing). With 96 dense rounds of 500 lines, checks 3-11 compiled 13
 * functions and deoptimised none.
 */
const ANALYSIS_WARM_UP_DENSE_ROUNDS = 96;
const DENSE_PRACTICE_LINES = 500;

/**
 * The rounds to practise: LOOPLENS_ANALYSIS_WARM_UP_ROUNDS (0 switches the warm-up off) lets the
 * benchmark measure a server without it next to one with it; otherwise the default.
 */
function warmUpRounds(): number {
  return configuredRounds('LOOPLENS_ANALYSIS_WARM_UP_ROUNDS') ?? ANALYSIS_WARM_UP_ROUNDS;
}

/**
 * The large rounds, LOOPLENS_ANALYSIS_WARM_UP_LARGE_ROUNDS (see `extraWarmUpRounds`).
 */
function largeWarmUpRounds(): number {
  return extraWarmUpRounds('LOOPLENS_ANALYSIS_WARM_UP_LARGE_ROUNDS', ANALYSIS_WARM_UP_LARGE_ROUNDS);
}

/** The dense rounds, configured as the large ones are (LOOPLENS_ANALYSIS_WARM_UP_DENSE_ROUNDS). */
function denseWarmUpRounds(): number {
  return extraWarmUpRounds('LOOPLENS_ANALYSIS_WARM_UP_DENSE_ROUNDS', ANALYSIS_WARM_UP_DENSE_ROUNDS);
}

/**
 * Rounds that follow the small ones: none when the warm-up is switched off; else `variable`; none when
 * only the small rounds are configured (a test or benchmark that sets those sets the whole warm-up);
 * otherwise `byDefault`.
 */
function extraWarmUpRounds(variable: string, byDefault: number): number {
  if (configuredRounds('LOOPLENS_ANALYSIS_WARM_UP_ROUNDS') === 0) return 0;
  const configured = configuredRounds(variable);
  if (configured !== undefined) return configured;
  return process.env.LOOPLENS_ANALYSIS_WARM_UP_ROUNDS !== undefined ? 0 : byDefault;
}

/** A count of rounds from the environment, when it is set to a whole number of at least 0. */
function configuredRounds(variable: string): number | undefined {
  const text = process.env[variable];
  const configured = Number(text);
  return text !== undefined && Number.isInteger(configured) && configured >= 0 ? configured : undefined;
}

/** The server side: one worker, requests answered in order, a hung or crashed worker replaced. */
export class AnalysisWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly scriptPath: string,
    private readonly log: (message: string) => void,
    /**
     * Called when a running worker is dropped (it crashed, exited or timed out; not at dispose): the
     * module graphs it held, workspace scans included, are gone, and the next request starts empty.
     */
    private readonly onReplaced?: (reason: Error) => void,
  ) {}

  /** Analyses one file in its folder's long-lived module graph; `scope.openFiles` are the folder's other open buffers. */
  analyze(fileName: string, text: string, options: AnalysisOptions, scope: GraphScope): Promise<AnalysisAnswer> {
    return this.send(fileName, text.length, (id) => ({ type: 'analyze', id, fileName, text, options, ...scope })).then(toAnswer);
  }

  /** Tells the folder's graph about files changed on disk; answers the open files' new cycle findings. */
  filesChanged(changes: FileChange[], scope: GraphScope): Promise<AnalysisAnswer> {
    return this.send(`${changes.length} changed files`, 0, (id) => ({ type: 'files', id, changes, ...scope })).then(toAnswer);
  }

  /**
   * One step of the workspace scan: adds `files` (and their imports) to the folder's graph while it
   * holds fewer than `maxModules` modules, until its time budget runs out (`filesTaken` says how
   * far it got, `scanBacklog` how many imported modules wait for the next step); with `withCycles`,
   * answers the open files' cycle findings.
   */
  addFiles(files: string[], maxModules: number, withCycles: boolean, scope: GraphScope): Promise<AnalysisAnswer> {
    return this.send(`a scan step of ${files.length} files`, 0, (id) => ({ type: 'addFiles', id, files, maxModules, withCycles, ...scope })).then(toAnswer);
  }

  /** The source scan of a document too large to parse on the server's main thread. */
  scan(fileName: string, text: string): Promise<SourceScan> {
    return this.send(`the scan of ${fileName}`, text.length, (id) => ({ type: 'scan', id, fileName, text })).then((response) => ('scan' in response ? response.scan : EMPTY_SCAN));
  }

  /** The worker's heap and state (`looplens/debugStats`); null when the worker has not started. */
  stats(collectGarbage: boolean): Promise<AnalysisWorkerStats | null> {
    if (!this.worker) return Promise.resolve(null);
    return this.send('the stats request', 0, (id) => ({ type: 'stats', id, collectGarbage })).then((response) => ('stats' in response ? response.stats : null));
  }

  private send(what: string, chars: number, build: (id: number) => AnalysisRequest): Promise<AnalysisResponse> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    let queuedChars = chars;
    for (const pending of this.pending.values()) queuedChars += pending.chars;
    const timeoutMs = Math.round(ANALYSIS_TIMEOUT_MS + (ANALYSIS_TIMEOUT_MS_PER_MB * queuedChars) / (1024 * 1024));
    return new Promise<AnalysisResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.log(`analysis of ${what} took over ${timeoutMs} ms; restarting the analysis worker`);
        this.replaceWorker(new Error('analysis timed out'), true);
      }, timeoutMs);
      this.pending.set(id, { chars, resolve, reject, timer });
      const posted: PostedRequest = { ...build(id), sentAt: wallClockMs() };
      worker.postMessage(posted);
    });
  }

  /**
   * Starts the worker ahead of the first request and has it practise while idle (`rounds` of the
   * built-in practice files, then `denseRounds` of a dense module and `largeRounds` of a large file),
   * so that the first document, even a large one, is analysed by compiled code.
   */
  warmUp(rounds = warmUpRounds(), denseRounds = denseWarmUpRounds(), largeRounds = largeWarmUpRounds()): void {
    const request: AnalysisRequest = { type: 'warmUp', rounds, denseRounds, largeRounds };
    this.ensureWorker().postMessage(request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath, { workerData: { role: ROLE }, resourceLimits: { ...ANALYSIS_WORKER_RESOURCE_LIMITS } });
    worker.unref();
    worker.on('message', (response: AnalysisResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      clearTimeout(pending.timer);
      if ('error' in response) pending.reject(new Error(response.error));
      else pending.resolve(response);
    });
    worker.on('error', (error) => {
      this.log(`analysis worker failed: ${error.stack ?? error.message}`);
      if (this.worker === worker) this.replaceWorker(error, true);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.replaceWorker(new Error(`analysis worker exited with code ${code}`), true);
    });
    this.worker = worker;
    return worker;
  }

  /** Fails everything in flight and drops the worker; the next request starts a fresh one. */
  private replaceWorker(reason: Error, lost = false): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(reason);
      this.pending.delete(id);
    }
    void worker?.terminate();
    if (lost && worker) {
      try {
        this.onReplaced?.(reason);
      } catch (error) {
        this.log(`after replacing the analysis worker: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.replaceWorker(new Error('the server is shutting down'));
    await worker?.terminate();
  }
}
