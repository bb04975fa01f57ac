// A 5 MB document must not block the server: its parse (for hovers and inlay hints) and its
// analysis run in the analysis worker, so a hover on a small document is answered while the big one
// is still being worked on. The test asks for the big document's hover first (it used to parse 5 MB
// on the server's main thread, which held every later request for 25 s on this machine), then for a
// hover on a small document, and checks the order in which answers arrive —
// not a speed figure, which a loaded machine would make flaky. The server is stopped as soon as the
// small hover is answered, so the 5 MB work is never waited for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import os from 'node:os';
import { startServer, positionOf } from './lspClient.mjs';

const FIVE_MB = 5 * 1024 * 1024;
const unit = 'for (let i = 0; i < 3; i++) { setTimeout(() => console.log("t", i), 0); Promise.resolve(i).then((v) => console.log("p", v)); }\n';
const bigText = unit.repeat(Math.ceil(FIVE_MB / unit.length));
const smallText = 'const greeting = "hello";\nconsole.log(greeting);\n';

test('a hover on a small document is answered while a 5 MB document is being processed', { timeout: 120_000 }, async () => {
  const server = await startServer({ settings: { debounceMs: 0, models: ['node'] } });
  const folder = os.tmpdir();
  const bigUri = pathToFileURL(path.join(folder, 'looplens-responsiveness-big.js')).href;
  const smallUri = pathToFileURL(path.join(folder, 'looplens-responsiveness-small.js')).href;
  const events = [];
  const record = (name) => (value) => {
    events.push(name);
    return value;
  };
  try {
    // Answer a first request so that startup costs are not part of what is compared.
    await server.open(smallUri, smallText);
    await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: smallUri }, position: positionOf(smallText, 'greeting') });

    await server.open(bigUri, bigText);
    // Code lenses need only the settings (now cached) and a lexical pass: afterwards the big hover
    // goes straight to its parse, before the server reads the small hover from the connection.
    await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: bigUri } });
    const bigWork = [
      server.connection.sendRequest('textDocument/hover', { textDocument: { uri: bigUri }, position: { line: 0, character: 35 } }).then(record('big hover'), record('big hover failed')),
    ];
    const started = performance.now();
    const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: smallUri }, position: positionOf(smallText, 'greeting', 2) });
    const smallHoverMs = Math.round(performance.now() - started);
    events.push('small hover');
    console.log(`small hover answered in ${smallHoverMs} ms; answers so far: ${events.join(', ')}`);
    assert.ok(hover && JSON.stringify(hover.contents).includes('greeting'), JSON.stringify(hover));
    if (server.diagnostics.has(bigUri)) events.push('big diagnostics');
    assert.deepEqual(events, ['small hover'], 'the small document was answered before any of the 5 MB work finished');
    void Promise.allSettled(bigWork);
  } finally {
    server.child.kill('SIGKILL');
    server.connection.dispose();
  }
});
