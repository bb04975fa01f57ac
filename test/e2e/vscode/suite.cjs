// Runs inside a real VS Code desktop extension host, started by scripts/e2e/run-vscode-tests.mjs
// through @vscode/test-electron. A tiny runner instead of mocha: the checks are few and sequential,
// and one dependency less is one thing less to keep working inside the extension host.
// The extension host loads test entry points with require(), so this file is CommonJS.
/* eslint-disable @typescript-eslint/no-require-imports */
const vscode = require('vscode');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const EXTENSION_ID = 'looplens.looplens';
const workspace = process.env.LOOPLENS_TEST_WORKSPACE;
const tests = [];

function test(name, body) {
  tests.push({ name, body });
}

/** Polls `probe` until it returns a truthy value; the language server answers asynchronously. */
async function waitFor(description, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function open(fileName) {
  const document = await vscode.workspace.openTextDocument(path.join(workspace, fileName));
  await vscode.window.showTextDocument(document);
  return document;
}

function extension() {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

test('the extension activates when a JavaScript file is opened', async () => {
  await open('node-event-loop.js');
  await waitFor('activation', () => extension().isActive);
});

test('every command the manifest contributes is registered', async () => {
  const contributed = (extension().packageJSON.contributes?.commands ?? []).map((c) => c.command);
  assert.ok(contributed.includes('looplens.predictOutput'), 'the manifest contributes looplens.predictOutput');
  const registered = new Set(await vscode.commands.getCommands(true));
  assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
});

test('the TDZ read shows up as a looplens diagnostic', async () => {
  const document = await open('tdz.js');
  const diagnostics = await waitFor('a looplens TDZ diagnostic', () => {
    const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'looplens' && /^LL10\d\d$/.test(String(d.code?.value ?? d.code)));
    return found.length > 0 ? found : undefined;
  });
  assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
  assert.equal(diagnostics[0].range.start.line, 0, 'the diagnostic sits on the line that reads `total`');
});

test('inlay hints give the order real node prints', async () => {
  const document = await open('node-event-loop.js');
  // The order is measured from node, never typed in; `node` is on PATH where VS Code tests run.
  const printed = execFileSync('node', [document.uri.fsPath], { encoding: 'utf8' }).trim().split('\n');
  const hints = await waitFor('inlay hints', async () => {
    const all = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, document.lineCount, 0));
    return all && all.length >= printed.length ? all : undefined;
  });
  const text = (hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''));
  for (const [index, value] of printed.entries()) {
    const line = document.getText().split('\n').findIndex((l) => l.includes(`console.log('${value}')`));
    const onLine = hints.filter((h) => h.position.line === line).map(text).join(' ');
    assert.match(onLine, new RegExp(`#${index + 1}(?!\\d)`), `console.log('${value}') on line ${line + 1} should be #${index + 1}, hint: ${onLine}`);
  }
});

test('"Predict Output" opens its view', async () => {
  await open('node-event-loop.js');
  await vscode.commands.executeCommand('looplens.predictOutput');
  await waitFor('a webview tab', () =>
    vscode.window.tabGroups.all.flatMap((group) => group.tabs).some((tab) => tab.input instanceof vscode.TabInputWebview),
  );
});

module.exports.run = async function run() {
  const failures = [];
  for (const { name, body } of tests) {
    const started = Date.now();
    try {
      await body();
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failures.push(`${name}: ${error && error.message ? error.message : error}`);
      console.log(`not ok - ${name}\n  ${String(error && error.stack ? error.stack : error).split('\n').join('\n  ')}`);
    }
  }
  console.log(`${tests.length - failures.length}/${tests.length} passed`);
  if (failures.length > 0) throw new Error(`${failures.length} test(s) failed:\n${failures.join('\n')}`);
};
