// A library entry for tests and benchmarks: the pure core (engine and analysis) without any
// editor protocol. Built to dist/core.js; not shipped in the .vsix.
export * from './engine/types';
// The prediction engine: Predictor (runs files in the QuickJS worker) and applicableModels.
export { Predictor, applicableModels, listWorkspaceDirectory, readWorkspaceBytes, readWorkspaceFile, realWorkspacePath, statWorkspacePath } from './engine/index';
export type { PredictorOptions } from './engine/index';
// The execution-context trace: instrumentation (host side) and the recorder (runs in the sandbox;
// exported here too so tests can drive it in plain Node).
export { instrument } from './engine/instrument';
export type { InstrumentOptions, InstrumentResult, InstrumentModuleKind } from './engine/instrument';
export { createTraceRecorder, restoreFunctionSource, stripInstrumentation } from './engine/sandbox/trace';
export type { TracedFunction, TracedBinding, TracedRole, TraceRecorder, TraceRecorderOptions, TraceHooks } from './engine/sandbox/trace';
// Static analysis (hoisting/TDZ, circular-import hazards, leak patterns) and the shared syntax layer.
export * from './analysis/index';
// How the language server process is started (the client's environment additions), for the benchmark.
export { SERVER_EXEC_ARGV, serverProcessEnvironment } from './serverProcess';
