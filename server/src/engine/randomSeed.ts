// A fresh Math.random seed for every run.
//
// QuickJS seeds Math.random once, when a context is created: js_random_init puts the time in
// microseconds into JSContext.random_state, which xorshift64* advances at each call. A prepared
// context is a copy of the instance's memory made once (and shipped with the build, see
// contextCache.ts), so that seed was frozen into it: every run, every process and every install
// printed the same "random" numbers, where each real run of a program prints others.
// quickjs-emscripten has no call that sets the seed, so the host writes a fresh one into the
// context's random_state before each run. Where that field sits in JSContext is found once per
// process, in a context just created: it is the one 8-byte field holding the creation time in
// microseconds (emscripten's gettimeofday reads Date.now()). Should it not be found exactly once
// (another QuickJS build), runs keep the context's own seed, as before.

/** How far into JSContext to look: random_state comes after a few dozen pointers and values. */
const SCAN_BYTES = 2048;

/** random_state's offset in JSContext; null when it could not be found, undefined before looking. */
let randomStateOffset: number | null | undefined;

/** Whether the field has been looked for (the caller then need not time the context's creation). */
export function randomStateKnown(): boolean {
  return randomStateOffset !== undefined;
}

/**
 * Finds random_state in a context created between `createdFromMs` and `createdToMs` (Date.now()
 * before and after the creation), at `contextPointer` in `memory`. Only the first call looks.
 */
export function findRandomState(memory: ArrayBuffer, contextPointer: number, createdFromMs: number, createdToMs: number): void {
  if (randomStateOffset !== undefined) return;
  const view = new DataView(memory);
  const earliest = BigInt(Math.floor(createdFromMs)) * 1000n;
  const latest = (BigInt(Math.ceil(createdToMs)) + 1n) * 1000n;
  const found: number[] = [];
  const end = Math.min(SCAN_BYTES, memory.byteLength - contextPointer - 8);
  for (let offset = 0; offset <= end; offset += 4) {
    const value = view.getBigUint64(contextPointer + offset, true);
    if (value >= earliest && value < latest) found.push(offset);
  }
  randomStateOffset = found.length === 1 ? found[0] : null;
}

/** Writes a fresh nonzero seed into the context's random_state; false when its place is unknown. */
export function reseedRandom(memory: ArrayBuffer, contextPointer: number): boolean {
  if (randomStateOffset === undefined || randomStateOffset === null) return false;
  // Two draws of the worker's own Math.random (V8 seeds each isolate from the system's entropy):
  // the seed needs to differ between runs, not to be secret, and node:crypto would cost the
  // first prediction ~2.7 ms of loading on the cold-start path (session 6 profile).
  let seed = (BigInt(Math.floor(Math.random() * 2 ** 32)) << 32n) | BigInt(Math.floor(Math.random() * 2 ** 32));
  // xorshift64* stays at zero forever from a zero state.
  if (seed === 0n) seed = 1n;
  new DataView(memory).setBigUint64(contextPointer + randomStateOffset, seed, true);
  return true;
}
