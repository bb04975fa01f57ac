// browserFormat and the browser-flavoured console against real Chromium: the sandbox code is loaded
// into the page, so both sides see the very same objects (same stacks, same time zone), and the
// expected text is whatever playwright-core's ConsoleMessage.text() reports for the real console.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { preamble, values, formatCalls } from './inspect-corpus.mjs';

const chromiumPath = '/usr/bin/chromium';
const skip = existsSync(chromiumPath) ? false : `Chromium is not installed at ${chromiumPath}`;

function bundle(name) {
  const code = readFileSync(fileURLToPath(new URL(`../../dist/test/${name}.js`, import.meta.url)), 'utf8');
  return `(function () { var module = { exports: {} }; var exports = module.exports; ${code}\n; return module.exports; })()`;
}

const streamOfType = (type) => (type === 'error' || type === 'warning' || type === 'assert' ? 'stderr' : 'stdout');

// One browser for the whole file (launching Chromium is the slow part); a fresh page per test.
let browserPromise;
after(async () => {
  if (browserPromise) await (await browserPromise).close();
});

async function withPage(run) {
  const { chromium } = await import('playwright-core');
  browserPromise ??= chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const browser = await browserPromise;
  const page = await browser.newPage();
  try {
    const messages = [];
    page.on('console', (message) => messages.push({ stream: streamOfType(message.type()), text: message.text() }));
    await page.evaluate(`window.LoopLensInspect = ${bundle('inspect')}; window.LoopLensConsole = ${bundle('console')};`);
    messages.length = 0;
    return await run(page, messages);
  } finally {
    await page.close();
  }
}

// Logs each argument list with the real console and returns what browserFormat makes of it.
async function compareArgumentLists(page, messages, sources) {
  messages.length = 0;
  const predicted = await page.evaluate(({ preamble, sources }) => sources.map((source) => {
    let args;
    try {
      args = new Function(`${preamble}\nreturn (${source});`)();
    } catch (error) {
      args = [`could not build ${source}: ${error}`];
    }
    console.log(...args);
    return globalThis.LoopLensInspect.browserFormat(args);
  }), { preamble, sources });
  // Console events arrive asynchronously; wait for all of them.
  for (let i = 0; i < 100 && messages.length < sources.length; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(messages.length, sources.length);
  const mismatches = [];
  sources.forEach((source, i) => {
    if (messages[i].text !== predicted[i]) mismatches.push(`${source}\n--- chromium:\n${JSON.stringify(messages[i].text)}\n--- sandbox:\n${JSON.stringify(predicted[i])}`);
  });
  return mismatches;
}

test('browserFormat matches Chromium on the value corpus and the format calls', { skip }, async () => {
  await withPage(async (page, messages) => {
    // Chromium converts a `%s` argument with String(), which throws for a null-prototype object.
    const calls = formatCalls.filter((call) => !call.includes('Object.create(null)'));
    const sources = [...values.map((expression) => `[${expression}]`), ...calls,
      "['a', '', 'b']", "[{ s: 'z'.repeat(150) }, { e: new TypeError('t') }]", "[(() => { const a = [1, 2]; a[150] = 3; return a; })()]",
      "[Object.create(Error.prototype)]", "[(() => { const e = new Error('m'); e.stack = 'Error: m\\n  weird\\n    at q (w.js:1:1)'; return e; })()]",
      "[new (class MyTE extends TypeError {})('te')]", "['a\\u007fb\\u0085c']",
      // DOM nodes, the window and events (the browser model's DOM is recognised by shape).
      '[document.body, document, document.createTextNode("t")]', "[(() => { const d = document.createElement('div'); d.id = 'app'; d.className = 'card  wide'; return { el: d, list: [d, window] }; })()]",
      '[window, globalThis, new Event("x"), new EventTarget()]'];
    const mismatches = await compareArgumentLists(page, messages, sources);
    assert.deepEqual(mismatches, []);
  });
});

// Random values written as source, so that the same value can be built inside the page.
const leafSource = fc.oneof(
  fc.string({ maxLength: 120 }).map((text) => JSON.stringify(text)),
  fc.constantFrom("'it\\'s'", "'tab\\there'", "'中文'", "'😀'", '-0', 'NaN', 'Infinity', 'undefined', 'null', 'true', "Symbol('s')", 'Symbol()',
    'function named() {}', '() => 1', 'class K {}', 'new Date(0)', '/x+/gi', "new Error('boom')", 'Promise.resolve(1)', 'new Uint8Array(3)'),
  fc.integer().map(String), fc.double({ noNaN: true }).map((number) => (Object.is(number, -0) ? '-0' : String(number))), fc.bigInt().map((big) => `${big}n`),
);
const keySource = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a', 'b', '0', '7', 'long_key_name')).map((key) => JSON.stringify(key));
const { valueSource } = fc.letrec((tie) => ({
  valueSource: fc.oneof({ depthSize: 'small' }, leafSource, tie('objectSource'), tie('arraySource'), tie('mapSource')),
  objectSource: fc.array(fc.tuple(keySource, tie('valueSource')), { maxLength: 8 })
    .map((entries) => `({ ${entries.map(([key, value]) => `${key}: ${value}`).join(', ')} })`),
  arraySource: fc.array(fc.option(tie('valueSource'), { nil: '' }), { maxLength: 12 }).map((items) => `[${items.join(', ')}${items.at(-1) === '' ? ',' : ''}]`),
  mapSource: fc.array(tie('valueSource'), { maxLength: 3 }).map((items) => `new Set([${items.join(', ')}])`),
}));

test('browserFormat matches Chromium on random values (fast-check)', { skip }, async () => {
  const sources = fc.sample(fc.array(valueSource, { minLength: 1, maxLength: 3 }), 300).map((items) => `[${items.join(', ')}]`);
  await withPage(async (page, messages) => {
    const mismatches = await compareArgumentLists(page, messages, sources);
    assert.deepEqual(mismatches.slice(0, 5), []);
  });
});

test('the browser console reports what Chromium reports for each method', { skip }, async () => {
  const script = `
    c.log('%s is %d', 'x', 5); c.info('info'); c.debug('debug'); c.warn('warn', { a: 1 }); c.error('err', [1]);
    c.group('G'); c.log('in group'); c.groupEnd(); c.group(); c.groupEnd(); c.groupCollapsed('GC'); c.groupEnd();
    c.count(); c.count(); c.count('x'); c.countReset(); c.count(); c.countReset('never');
    c.time('t'); c.time('t'); c.timeLog('t', 'extra', 1); c.timeEnd('t'); c.timeEnd('nope'); c.timeLog('nope');
    c.assert(false); c.assert(false, 'msg', 2); c.assert(true, 'no');
    c.trace(); c.trace('tr', 1);
    c.dir({ a: 1 }); c.dir('s'); c.table([{ a: 1 }]); c.table(5);
    c.log(); c.log(''); c.clear(); c.dirxml({ b: 2 }); c.dir('%s', 1); c.dirxml('%d', '7'); c.info('%%s %s', 'a', 'b');
    c.error('%s', { toString() { return '%d'; } }, '12px'); c.assert(false, '%i', '9.9'); c.group('%f', '1.5'); c.groupEnd();
    c.table('%s', 1); c.trace('%s', 2); c.warn('%o %O %c %x', { a: 1 }, [1], 'css', 5);`;
  await withPage(async (page, messages) => {
    const predicted = await page.evaluate((script) => {
      new Function('c', script)(console);
      const lines = [];
      const sandboxConsole = globalThis.LoopLensConsole.createConsole({
        flavor: 'browser',
        write: (stream, text) => lines.push({ stream, text: text.replace(/\n$/, '') }),
        now: () => performance.now(),
        stack: () => '',
      });
      new Function('c', script)(sandboxConsole);
      return lines;
    }, script);
    for (let i = 0; i < 100 && messages.length < predicted.length; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    // Durations are real time in Chromium; only their shape can be compared.
    const normalise = (entries) => entries.map(({ stream, text }) => ({ stream, text: text.replace(/: \d+(\.\d+)? ms/, ': N ms') }));
    assert.deepEqual(normalise(predicted), normalise(messages));
  });
});
