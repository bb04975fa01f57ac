// Runs many small programs in this one node process (each through `import()`, so CommonJS and ES
// modules load as they do from the command line) and reports, per program, the first uncaught
// error: a synchronous throw, an unhandled rejection, or an exception in a timer callback, and the
// first Error it passes to console.error (`logged`). The corpus test uses it as its oracle: one
// process instead of one per program keeps the run short.
// Usage: node analysis-runner.mjs < entries.json  (a JSON array of absolute paths); prints JSON.
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';

const entries = JSON.parse(readFileSync(0, 'utf8'));
const write = process.stdout.write.bind(process.stdout);
let current = null;
const record = (error) => {
  if (current && !current.error) current.error = { name: error?.name ?? String(error), message: error?.message ?? '', stack: String(error?.stack ?? error) };
};
process.on('uncaughtException', record);
process.on('unhandledRejection', record);
// The programs' own output is not part of the verdict.
console.log = () => {};
console.info = () => {};
// An error a program's catch block logs: the corpus test checks that a caught read threw there.
console.error = (first) => {
  if (current && !current.logged && first instanceof Error) current.logged = { name: first.name, message: first.message, stack: String(first.stack) };
};
console.warn = () => {};
process.emitWarning = () => {};
// A program that calls process.exit() would end the runner (and every later program's verdict): its
// exit is an error of that program instead, which no corpus verdict expects.
const exitRunner = process.exit.bind(process);
process.exit = (code) => {
  throw Object.assign(new Error(`the program called process.exit(${code ?? ''})`), { name: 'ProcessExit' });
};

const results = [];
for (const entry of entries) {
  current = { entry, error: null };
  try {
    await import(pathToFileURL(entry).href);
  } catch (error) {
    record(error);
  }
  // Let zero-delay timers, immediates and promise jobs of the program run.
  await new Promise((resolve) => setTimeout(resolve, 25));
  results.push(current);
}
current = null;
// Exit once the output is written: a write to a pipe may still be pending (some 220 kB of results
// were cut short), and a program may have left a timer that would keep the runner alive.
write(JSON.stringify(results), () => exitRunner(0));
