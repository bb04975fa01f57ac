// A library entry for tests and benchmarks: the pure core (engine and analysis) without any
// editor protocol. Built to dist/core.js; not shipped in the .vsix.
export * from './engine/types';
// The execution-context trace: instrumentation (host side) and the recorder (runs in the sandbox;
// exported here too so tests can drive it in plain Node).
export { instrument } from './engine/instrument';
export type { InstrumentOptions, InstrumentResult, InstrumentModuleKind } from './engine/instrument';
export { createTraceRecorder } from './engine/sandbox/trace';
export type { TracedFunction, TracedBinding, TracedRole, TraceRecorder, TraceRecorderOptions, TraceHooks } from './engine/sandbox/trace';
