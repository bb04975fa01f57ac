// Protocol tests: the built language server (`dist/server.js --stdio`) driven over JSON-RPC the way
// an editor drives it. Expected orders are measured from real `node` at test time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { positionOf, repoRoot, startServer } from './lspClient.mjs';

const seedExample = path.join(repoRoot, 'examples', 'node-event-loop.js');
const wholeFile = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };

/** What real Node prints on stdout for a file, line by line. */
function realNodeStdout(file) {
  return execFileSync(process.execPath, [file], { encoding: 'utf8', timeout: 10000 }).split('\n').slice(0, -1);
}

function tempFile(name, text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'looplens-protocol-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return { file, uri: pathToFileURL(file).href, text };
}

function labelText(hint) {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

function waitForNotification(server, accept, timeoutMs = 15000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const found = server.notifications.find(accept);
      if (found) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error('notification did not arrive'));
      setTimeout(poll, 20);
    };
    poll();
  });
}

test('initialize negotiates only what the client supports, and shutdown/exit end the process with 0', async () => {
  const server = await startServer();
  const capabilities = server.initializeResult.capabilities;
  assert.equal(capabilities.textDocumentSync, 2);
  assert.ok(capabilities.hoverProvider);
  assert.ok(capabilities.inlayHintProvider);
  assert.ok(capabilities.codeLensProvider);
  assert.ok(capabilities.codeActionProvider);
  // This client did not declare pull diagnostics, so the server must push instead of offering pull.
  assert.equal(capabilities.diagnosticProvider, undefined);
  assert.equal(await server.stop(), 0);

  // A bare client that declares nothing, speaking raw frames: initialize, shutdown, exit.
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const exited = once(child, 'exit');
  const answered = async (id) => {
    while (!stdout.includes(`"id":${id}`)) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  // A request before initialize is refused with ServerNotInitialized, and the server stays up.
  child.stdin.write(frame({ jsonrpc: '2.0', id: 0, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.js' }, position: { line: 0, character: 0 } } }));
  await answered(0);
  assert.match(stdout, /"id":0,"error":\{"code":-32002/);
  child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
  await answered(1);
  child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
  await answered(2);
  child.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
  const [code] = await exited;
  assert.equal(code, 0);
  const initialize = JSON.parse(stdout.split('\r\n\r\n')[2].split('Content-Length')[0]);
  assert.deepEqual(Object.keys(initialize.result.capabilities), ['textDocumentSync']);
});

function frame(message) {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

test("inlay hints on the seed's Node example match the order real node prints", async () => {
  const text = fs.readFileSync(seedExample, 'utf8');
  const uri = pathToFileURL(seedExample).href;
  const printed = realNodeStdout(seedExample);
  const server = await startServer();
  try {
    await server.open(uri, text);
    const hints = await server.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: wholeFile });
    assert.ok(Array.isArray(hints) && hints.length > 0, 'no hints');
    for (let n = 1; n <= 12; n++) {
      const { line } = positionOf(text, `console.log('${n}')`);
      const hint = hints.find((h) => h.position.line === line);
      assert.ok(hint, `no hint on the line of console.log('${n}')`);
      assert.equal(labelText(hint), `#${printed.indexOf(String(n)) + 1}`, `console.log('${n}')`);
    }
    // Read in order of the hint numbers, the strings spell real node's output.
    const byPosition = [];
    for (let n = 1; n <= 12; n++) {
      const { line } = positionOf(text, `console.log('${n}')`);
      byPosition[Number(labelText(hints.find((h) => h.position.line === line)).slice(1)) - 1] = String(n);
    }
    assert.deepEqual(byPosition, printed);
  } finally {
    await server.stop();
  }
});

test('a call that prints repeatedly lists its positions, capped', async () => {
  const doc = tempFile('loop.js', "console.log('start');\nfor (let i = 0; i < 5; i++) {\n  console.log('tick', i);\n}\n");
  const printed = realNodeStdout(doc.file);
  const server = await startServer({ settings: { inlayHints: { maxPositions: 3 } } });
  try {
    await server.open(doc.uri, doc.text);
    const hints = await server.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: doc.uri }, range: wholeFile });
    const tickLine = positionOf(doc.text, "console.log('tick'").line;
    const positions = printed.map((line, index) => (line.startsWith('tick') ? `#${index + 1}` : null)).filter(Boolean);
    const expected = positions.slice(0, 3).join(' ') + (positions.length > 3 ? ' …' : '');
    assert.equal(labelText(hints.find((h) => h.position.line === tickLine)), expected);
  } finally {
    await server.stop();
  }
});

test('hover explains scheduling APIs and console calls; the code lens offers Predict Output', async () => {
  const text = fs.readFileSync(seedExample, 'utf8');
  const uri = pathToFileURL(seedExample).href;
  const printed = realNodeStdout(seedExample);
  const server = await startServer();
  try {
    await server.open(uri, text);
    // Hovers wait only briefly for a running prediction; let it finish first.
    await server.connection.sendRequest('looplens/predict', { uri });
    const onTimeout = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'setTimeout', 3) });
    assert.match(onTimeout.contents.value, /timers phase/);
    // The first setTimeout's callback prints '2', '4' and (via nextTick/then) '3', '5': the hover lists them at real node's positions.
    for (const n of ['2', '4']) assert.ok(onTimeout.contents.value.includes(`#${printed.indexOf(n) + 1} \`${n}\``), `hover lists ${n}`);
    const onTick = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'process.nextTick', 10) });
    assert.match(onTick.contents.value, /nextTick/);
    const onLog = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, "console.log('3')", 3) });
    assert.ok(onLog.contents.value.includes(`node #${printed.indexOf('3') + 1}`), onLog.contents.value);
    assert.match(onLog.contents.value, /nextTick/);
    const nothing = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    assert.equal(nothing, null);
    const lenses = await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(lenses.some((lens) => lens.command?.command === 'looplens.predictOutput' && lens.command.arguments[0] === uri));
  } finally {
    await server.stop();
  }
});

test('looplens/predict answers the prediction for the current version, equal to real node', async () => {
  const text = fs.readFileSync(seedExample, 'utf8');
  const uri = pathToFileURL(seedExample).href;
  const printed = realNodeStdout(seedExample);
  const server = await startServer();
  try {
    await server.open(uri, text);
    const prediction = await server.connection.sendRequest('looplens/predict', { uri, models: ['node'] });
    assert.equal(prediction.version, 1);
    assert.deepEqual(prediction.result.models.node.output.map((line) => line.text), printed);
    const all = await server.connection.sendRequest('looplens/predict', { uri, models: 'all' });
    assert.ok(all.models.includes('node'));
    assert.ok(all.result.skipped?.browser, 'browser is skipped for a file that uses process');
    assert.equal(await server.connection.sendRequest('looplens/predict', { uri: 'file:///not/open.js' }), null);
  } finally {
    await server.stop();
  }
});

test('edits re-predict after the debounce, superseded versions are never reported', async () => {
  const doc = tempFile('edit.js', "console.log('a');\n");
  const server = await startServer();
  try {
    await server.open(doc.uri, doc.text);
    await waitForNotification(server, (n) => n.method === 'looplens/predictionUpdated' && n.params.uri === doc.uri && n.params.version === 1);
    await server.change(doc.uri, "console.log('b');\n");
    await server.change(doc.uri, "setTimeout(() => console.log('d'));\nconsole.log('c');\n");
    const updated = await waitForNotification(server, (n) => n.method === 'looplens/predictionUpdated' && n.params.version === 3);
    assert.deepEqual(updated.params.result.models.node.output.map((line) => line.text), ['c', 'd']);
    assert.ok(!server.notifications.some((n) => n.method === 'looplens/predictionUpdated' && n.params.version === 2), 'version 2 was superseded before its debounce ended');
    const hints = await server.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: doc.uri }, range: wholeFile });
    assert.deepEqual(hints.map(labelText), ['#2', '#1']);
  } finally {
    await server.stop();
  }
});

test('a cancelled long request answers RequestCancelled and the server keeps answering', async () => {
  const loop = tempFile('spin.js', "console.log('before');\nwhile (true) {}\n");
  const server = await startServer({ settings: { models: ['node'] } });
  try {
    await server.open(loop.uri, loop.text);
    const source = new CancellationTokenSource();
    const started = Date.now();
    const request = server.connection.sendRequest('looplens/predict', { uri: loop.uri, models: ['node'], budgets: { timeMs: 120000 } }, source.token);
    setTimeout(() => source.cancel(), 300);
    await assert.rejects(request, (error) => error.code === -32800);
    assert.ok(Date.now() - started < 5000, 'cancellation answered promptly');
    const text = "setTimeout(() => console.log('later'));\n";
    const after = tempFile('after.js', text);
    await server.open(after.uri, text);
    const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: after.uri }, position: positionOf(text, 'setTimeout', 1) });
    assert.match(hover.contents.value, /setTimeout/);
    const prediction = await server.connection.sendRequest('looplens/predict', { uri: after.uri, models: ['node'] });
    assert.deepEqual(prediction.result.models.node.output.map((line) => line.text), realNodeStdout(after.file));
  } finally {
    await server.stop();
  }
});

test('malformed and out-of-order messages are answered or ignored, never fatal', async () => {
  const server = await startServer();
  try {
    // Garbage JSON, a message that is no JSON-RPC message, and a body shorter than announced.
    server.child.stdin.write('Content-Length: 5\r\n\r\n{bad}');
    server.child.stdin.write(frame({ hello: 'world' }));
    await assert.rejects(server.connection.sendRequest('looplens/noSuchMethod', {}), (error) => error.code === -32601);
    // Requests and notifications about documents that were never opened.
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never/opened.js', version: 7 }, contentChanges: [{ text: 'x' }] });
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///never/opened.js' } });
    assert.equal(await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///never/opened.js' }, position: { line: 0, character: 0 } }), null);
    assert.equal(await server.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: 'file:///never/opened.js' }, range: wholeFile }), null);
    // Positions outside the document and broken source text.
    const broken = tempFile('broken.js', "console.log('ok'\nsetTimeout(() => {\n");
    await server.open(broken.uri, broken.text);
    const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: broken.uri }, position: { line: 999, character: 999 } });
    assert.equal(hover, null);
    const hints = await server.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: broken.uri }, range: wholeFile });
    assert.ok(Array.isArray(hints));
    // Still alive and answering.
    const lenses = await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: broken.uri } });
    assert.ok(lenses.length > 0);
    assert.equal(server.child.exitCode, null);
  } finally {
    await server.stop();
  }
});

const tdzText = 'function read() {\n  return value;\n}\nconsole.log(read());\nlet value = 1;\n';

test('diagnostics are pushed to a client without pull support, with a link to the rule page', async () => {
  const doc = tempFile('tdz.js', tdzText);
  const run = spawnSync(process.execPath, [doc.file], { encoding: 'utf8' });
  assert.notEqual(run.status, 0, 'real node throws on this file');
  assert.match(run.stderr, /ReferenceError/);
  const server = await startServer();
  try {
    await server.open(doc.uri, doc.text);
    const published = await server.waitForDiagnostics(doc.uri, (p) => p.diagnostics.length > 0);
    const error = published.diagnostics.find((d) => d.severity === 1);
    assert.ok(error, JSON.stringify(published.diagnostics));
    assert.equal(error.source, 'looplens');
    assert.match(error.code, /^LL1\d{3}$/, 'the code is the rule\'s stable id');
    assert.ok(error.codeDescription.href.endsWith(`/docs/rules/${error.code}.md`), error.codeDescription.href);
    // The analysis reports the throw at the call that runs too early or at the read itself; either is on the path of the real throw.
    assert.ok([positionOf(tdzText, 'console.log(read())').line, positionOf(tdzText, 'value;').line].includes(error.range.start.line), JSON.stringify(error.range));
    await server.close(doc.uri);
    const cleared = await server.waitForDiagnostics(doc.uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
  } finally {
    await server.stop();
  }
});

test('a client with pull diagnostics gets them by textDocument/diagnostic and quick fixes as code actions', async () => {
  const doc = tempFile('leak.js', "function sum(n) {\n  total = 0;\n  for (let i = 1; i <= n; i++) total += i;\n  return total;\n}\nconsole.log(sum(4));\n");
  const server = await startServer({ pullDiagnostics: true });
  try {
    assert.ok(server.initializeResult.capabilities.diagnosticProvider);
    await server.open(doc.uri, doc.text);
    const report = await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: doc.uri } });
    assert.equal(report.kind, 'full');
    const leak = report.items.find((d) => d.range.start.line === 1);
    assert.ok(leak, JSON.stringify(report.items));
    const actions = await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: leak.range, context: { diagnostics: [leak] } });
    assert.ok(actions.length > 0, 'a quick fix for the implicit global');
    const edits = actions[0].edit.changes[doc.uri];
    assert.ok(edits.length > 0);
    // Applying the fix must give a file real node runs with the same output as the original.
    const lines = doc.text.split('\n');
    const { range, newText } = edits[0];
    const before = lines.slice(0, range.start.line).concat(lines[range.start.line].slice(0, range.start.character)).join('\n');
    const after = [lines[range.end.line].slice(range.end.character)].concat(lines.slice(range.end.line + 1)).join('\n');
    const fixed = tempFile('leak-fixed.js', before + newText + after);
    assert.notEqual(fixed.text, doc.text);
    assert.deepEqual(realNodeStdout(fixed.file), realNodeStdout(doc.file));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok(!server.diagnostics.has(doc.uri), 'no push when the client pulls');
  } finally {
    await server.stop();
  }
});

test('runtime strings follow the client locale (zh-cn bundle)', async () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
  const english = 'Schedules a callback on a timer (a macrotask).';
  const text = "setTimeout(() => console.log('x'));\n";
  const doc = tempFile('locale.js', text);
  for (const [locale, expected] of [['zh-cn', bundle[english]], ['en', english]]) {
    const server = await startServer({ locale });
    try {
      await server.open(doc.uri, text);
      const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: positionOf(text, 'setTimeout', 1) });
      assert.ok(hover.contents.value.includes(expected), `${locale}: ${hover.contents.value}`);
      const lenses = await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: doc.uri } });
      assert.equal(lenses[0].command.title, locale === 'en' ? '$(play) Predict Output' : bundle['$(play) Predict Output']);
    } finally {
      await server.stop();
    }
  }
});

test('looplens/contextTree returns the traced contexts, with what each printed', async () => {
  const file = path.join(repoRoot, 'examples', 'execution-context.js');
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const printed = realNodeStdout(file);
  const server = await startServer();
  try {
    await server.open(uri, text);
    const tree = await server.connection.sendRequest('looplens/contextTree', { uri });
    assert.equal(tree.model, 'node');
    assert.ok(tree.trace, tree.reason);
    const foo22 = tree.trace.contexts.find((c) => c.name === 'foo' && c.args.length === 1 && c.args[0] === '22');
    assert.ok(foo22, 'the foo(22) context');
    assert.deepEqual(foo22.creation.map((b) => b.name).sort(), ['a', 'arguments', 'b', 'c', 'i']);
    // Everything foo(22) printed is, in order, what real node prints.
    assert.deepEqual(foo22.printed.map((index) => tree.output.output[index].text), printed);
    const caller = tree.trace.contexts.find((c) => c.id === foo22.callerId);
    assert.equal(caller.kind, 'script');
  } finally {
    await server.stop();
  }
});

test('hints name each model when the shown models disagree (node vs node-legacy, both measured)', async (t) => {
  let node10;
  try {
    const oracle = await import('../../scripts/oracle/fetch-node10.mjs');
    node10 = await oracle.ensureNode10();
  } catch (error) {
    t.skip(`no Node 10 oracle on this machine: ${error.message}`);
    return;
  }
  // Immediates, not timers: two timers may land in different milliseconds, immediates always share one check phase.
  const text = "setImmediate(() => {\n  console.log('t1');\n  Promise.resolve().then(() => console.log('p1'));\n});\nsetImmediate(() => console.log('t2'));\n";
  const doc = tempFile('legacy.js', text);
  const modern = realNodeStdout(doc.file);
  const legacy = execFileSync(node10, [doc.file], { encoding: 'utf8' }).split('\n').slice(0, -1);
  assert.notDeepEqual(modern, legacy, 'the example must separate the models');
  const server = await startServer({ settings: { models: ['node', 'node-legacy'] } });
  try {
    await server.open(doc.uri, text);
    const hints = await server.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: doc.uri }, range: wholeFile });
    const { result } = await server.connection.sendRequest('looplens/predict', { uri: doc.uri });
    // A `?` follows a position exactly when the prediction lists an order that moves that line.
    const mark = (model, index) => (result.models[model].alternatives.some((alternative) => alternative[index] !== result.models[model].output[index].text) ? '?' : '');
    for (const name of ['t1', 'p1', 't2']) {
      const line = positionOf(text, `console.log('${name}')`).line;
      const a = `#${modern.indexOf(name) + 1}${mark('node', modern.indexOf(name))}`;
      const b = `#${legacy.indexOf(name) + 1}${mark('node-legacy', legacy.indexOf(name))}`;
      const expected = a === b ? a : `node ${a} · node-legacy ${b}`;
      assert.equal(labelText(hints.find((h) => h.position.line === line)), expected, name);
    }
  } finally {
    await server.stop();
  }
});

test('a position the runtime does not guarantee carries the ? mark, exactly where the prediction says so', async () => {
  const text = "setTimeout(() => console.log('timeout'), 0);\nsetImmediate(() => console.log('immediate'));\nconsole.log('sync');\n";
  const doc = tempFile('race.js', text);
  const server = await startServer({ settings: { models: ['node'] } });
  try {
    await server.open(doc.uri, text);
    const prediction = await server.connection.sendRequest('looplens/predict', { uri: doc.uri });
    const node = prediction.result.models.node;
    assert.equal(node.deterministic, false, 'top-level setTimeout(0) vs setImmediate is a race in Node');
    const hints = await server.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: doc.uri }, range: wholeFile });
    for (const name of ['timeout', 'immediate', 'sync']) {
      const index = node.output.findIndex((line) => line.text === name);
      const moves = node.alternatives.some((alternative) => alternative[index] !== name);
      const hint = hints.find((h) => h.position.line === positionOf(text, `console.log('${name}')`).line);
      assert.equal(labelText(hint), `#${index + 1}${moves ? '?' : ''}`, name);
    }
    const marked = hints.filter((h) => labelText(h).endsWith('?')).length;
    assert.equal(marked, 2, 'the two racing lines are marked, the synchronous one is not');
  } finally {
    await server.stop();
  }
});

test("the walkthrough's runnable examples are predicted as real node prints them", async () => {
  const pages = ['execution-contexts', 'browser-vs-node', 'nexttick-vs-promises', 'leaks'];
  const server = await startServer({ settings: { models: ['node'] } });
  try {
    for (const name of pages) {
      const page = fs.readFileSync(path.join(repoRoot, 'media', 'walkthrough', `${name}.md`), 'utf8');
      const code = /```js\n([\s\S]*?)```/.exec(page)[1];
      const doc = tempFile(`${name}.js`, code);
      await server.open(doc.uri, code);
      const prediction = await server.connection.sendRequest('looplens/predict', { uri: doc.uri, models: ['node'] });
      const stdout = prediction.result.models.node.output.filter((line) => line.stream === 'stdout').map((line) => line.text);
      assert.deepEqual(stdout, realNodeStdout(doc.file), name);
    }
  } finally {
    await server.stop();
  }
});

test('hover on a declaration explains hoisting and the TDZ window, consistent with what real node does', async () => {
  const text = "console.log(typeof early, typeof hoisted);\nvar early = 1;\nfunction hoisted() {}\nlet late = 2;\n";
  const doc = tempFile('hoisting.js', text);
  // Real node: the var reads as undefined and the function declaration already exists before their lines.
  assert.deepEqual(realNodeStdout(doc.file), ['undefined function']);
  const tdz = tempFile('tdz-read.js', `console.log(late);\n${text}`);
  assert.match(spawnSync(process.execPath, [tdz.file], { encoding: 'utf8' }).stderr, /Cannot access 'late' before initialization/);
  const server = await startServer();
  try {
    await server.open(doc.uri, text);
    const hover = (needle) => server.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: positionOf(text, needle, 2) });
    assert.match((await hover('early = 1')).contents.value, /Hoisted as `undefined`/);
    assert.match((await hover('hoisted() {}')).contents.value, /Hoisted whole/);
    const late = (await hover('late = 2')).contents.value;
    assert.match(late, /temporal dead zone/);
    assert.match(late, /Cannot access 'late' before initialization/);
    assert.match(late, /from line 1 until the declaration on line 4/);
  } finally {
    await server.stop();
  }
});
