// The client restarts a server that dies, with backoff (client/src/restartPolicy.ts, used by
// client/src/extension.ts). The policy runs here without VS Code: once on a fake clock (the
// 1, 2, 4, 8, 16 s sequence, giving up after that, starting over after a healthy run or the user's
// restart), and once around the real dist/server.js, which the test kills with SIGKILL and watches
// come back as a new process that answers LSP requests again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { editorCapabilities, repoRoot, serverPath } from '../protocol/lspClient.mjs';

/** The module as the extension bundles it, built in memory (it is not a dist/ entry of its own). */
async function loadRestartPolicy() {
  const built = await esbuild.build({
    entryPoints: [path.join(repoRoot, 'client', 'src', 'restartPolicy.ts')],
    bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
}

/** A clock that only moves when told to, with timers that fire as it passes them. */
function fakeScheduler() {
  let now = 0;
  let timers = [];
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return timer;
    },
    clearTimeout(timer) {
      timers = timers.filter((t) => t !== timer);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.callback();
      }
      now = until;
    },
    get pending() {
      return timers.length;
    },
  };
}

test('restart policy: 1, 2, 4, 8, 16 s after consecutive crashes, then the user decides; a healthy run or the user starts it over', async () => {
  const { ServerSupervisor, RESTART_BACKOFF_MS, HEALTHY_AFTER_MS } = await loadRestartPolicy();
  const clock = fakeScheduler();
  const starts = [];
  const told = [];
  const supervisor = new ServerSupervisor({ start: async () => { starts.push(clock.now()); }, notify: (decision) => told.push(decision), scheduler: clock });
  await supervisor.start();
  const delays = [];
  for (let crash = 0; crash < RESTART_BACKOFF_MS.length; crash++) {
    const decision = supervisor.serverClosed();
    assert.equal(decision.action, 'restart');
    delays.push(decision.delayMs);
    const startsBefore = starts.length;
    clock.advance(decision.delayMs - 1);
    assert.equal(starts.length, startsBefore, 'not restarted before the delay');
    clock.advance(1);
    await Promise.resolve();
    assert.equal(starts.length, startsBefore + 1, 'restarted when the delay is over');
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000]);
  const giveUp = supervisor.serverClosed();
  assert.deepEqual(giveUp, { action: 'ask-user', crashes: 6 });
  clock.advance(60_000);
  assert.equal(starts.length, 6, 'no automatic restart after giving up');
  assert.equal(told.length, 6, 'every crash is reported to the user');

  await supervisor.restartByUser();
  assert.equal(supervisor.serverClosed().delayMs, 1000, 'the user\'s restart starts the sequence over');
  clock.advance(1000);
  await Promise.resolve();
  assert.equal(supervisor.serverClosed().delayMs, 2000);
  clock.advance(2000 + HEALTHY_AFTER_MS + 1);
  await Promise.resolve();
  assert.equal(supervisor.serverClosed().delayMs, 1000, 'a server that stayed up is healthy again');

  supervisor.dispose();
  assert.equal(clock.pending, 0, 'dispose cancels the scheduled restart');
  assert.equal(supervisor.serverClosed(), undefined, 'nothing is restarted after dispose');
});

/** Starts dist/server.js over stdio and initializes it, like the extension's client does. */
async function launchServer() {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onError(() => {});
  connection.listen();
  const initialized = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(repoRoot).href,
    workspaceFolders: null,
    capabilities: editorCapabilities(),
    initializationOptions: {},
  });
  await connection.sendNotification('initialized', {});
  return { child, connection, initialized };
}

test('a killed server process is restarted after the backoff and answers again; after the last delay it stays down', async () => {
  const { ServerSupervisor } = await loadRestartPolicy();
  const backoffMs = [200, 400];
  const servers = [];
  const decisions = [];
  let deliberateStop = false;
  let supervisor;
  const start = async () => {
    const server = await launchServer();
    servers.push({ ...server, startedAt: Date.now() });
    // The extension's client reports an unexpected close the same way: the connection went away
    // without a shutdown request.
    server.child.once('exit', () => {
      server.connection.dispose();
      if (!deliberateStop) supervisor.serverClosed();
    });
  };
  supervisor = new ServerSupervisor({ start, notify: (decision) => decisions.push({ ...decision, at: Date.now() }), backoffMs });
  const waitForServer = async (count, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (servers.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return servers[count - 1];
  };
  try {
    await supervisor.start();
    assert.equal(servers[0].initialized.serverInfo.name, 'LoopLens');
    for (let crash = 0; crash < backoffMs.length; crash++) {
      const victim = servers[crash];
      const killedAt = Date.now();
      victim.child.kill('SIGKILL');
      const [, signal] = await once(victim.child, 'exit');
      assert.equal(signal, 'SIGKILL');
      const next = await waitForServer(crash + 2, 30_000);
      assert.ok(next, `server ${crash + 2} started`);
      assert.notEqual(next.child.pid, victim.child.pid, 'a new process');
      assert.ok(next.startedAt - killedAt >= backoffMs[crash], `restart ${crash + 1} waited ${next.startedAt - killedAt} ms, at least ${backoffMs[crash]}`);
      assert.equal(next.initialized.serverInfo.name, 'LoopLens');
      // It really serves: an open document gets a code lens from the new process.
      const uri = pathToFileURL(path.join(repoRoot, 'examples', 'node-event-loop.js')).href;
      await next.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: "console.log('back');\n" } });
      const lenses = await next.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
      assert.ok(Array.isArray(lenses) && lenses.length > 0, 'the restarted server answers requests');
    }
    assert.deepEqual(decisions.map((d) => d.action), ['restart', 'restart']);
    const last = servers[servers.length - 1];
    last.child.kill('SIGKILL');
    await once(last.child, 'exit');
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(servers.length, backoffMs.length + 1, 'no restart after the backoff list is used up');
    assert.deepEqual(decisions.at(-1), { ...decisions.at(-1), action: 'ask-user', crashes: 3 });
    assert.equal(supervisor.restartPending, false);
  } finally {
    deliberateStop = true;
    supervisor.dispose();
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill();
  }
});
