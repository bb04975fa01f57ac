// A library entry for tests and benchmarks: the pure core (engine and analysis) without any
// editor protocol. Built to dist/core.js; not shipped in the .vsix.
export * from './engine/types';
