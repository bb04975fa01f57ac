// How the language server process is started: the environment and Node options the VS Code
// client (and the benchmark, which starts the server the same way) adds to its own. No imports, so the client
// bundle can include it without pulling in the server.

/**
 * glibc malloc settings for the server process. Measured with /proc/<pid>/smaps after one
 * prediction (examples/node-event-loop.js, `node scripts/bench/bench.mjs --only=server`): of about
 * 250 MB of RSS, some 130 MB was malloc'ed memory, most of it already freed but kept by glibc.
 * Two glibc behaviours keep it:
 * - Every thread that allocates gets an arena of its own (up to 8 per core) and freed memory stays
 *   in the arena of the thread that freed it. The server has many such threads: the main thread,
 *   the analysis and engine workers and V8's compiler threads, whose compile zones for a 10 MB
 *   bundle and the QuickJS wasm module are large and short-lived. Two arenas are shared instead.
 * - Freeing one large block (loading the 10 MB bundle reads it into one buffer) raises glibc's
 *   dynamic mmap and trim thresholds to twice its size, after which up to ~20 MB of free memory at
 *   the top of the heap is never given back. A fixed trim threshold turns that adjustment off.
 * Together they took the server from 243-255 MB to 167-194 MB at the same point, with no measured
 * change in prediction time. Other allocators (musl, Electron builds that replace malloc) ignore
 * these variables, which is harmless.
 */
const MALLOC_TUNING: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/**
 * Node options for the server process: a 2 MB semispace (V8 grows it to 16 MB under the steady
 * stream of document changes, and both halves stay resident). The main thread's garbage is
 * short-lived message and text objects, so scavenges stay cheap. The workers set their own young
 * generation (resourceLimits) so that a server started without these options is capped too.
 * Measured in the soak: the main heap's committed size 43-61 MB -> 31 MB, prediction CPU unchanged.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];

/**
 * The variables to add to `parentEnv` when starting the server: the malloc tuning, except where
 * the user's environment already sets a variable (their choice wins).
 */
export function serverProcessEnvironment(parentEnv: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const added: Record<string, string> = {};
  for (const [name, value] of Object.entries(MALLOC_TUNING)) {
    if (parentEnv[name] === undefined) added[name] = value;
  }
  return added;
}
