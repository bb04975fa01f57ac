// End to end in a real VS Code: the packaged .vsix installed into code-server (VS Code 1.100.3
// served to a browser), driven with playwright-core in Debian's Chromium, checking what a user
// sees. Run with `npm run test:e2e` (it takes a few minutes, so `npm test`'s glob does not pick it
// up). Screenshots go to test-results/e2e-*.png.
//
// Expected values are measured at test time: the order of console lines comes from running the
// example in real `node`, the localised strings are read from the extension's own translation
// files. Set LOOPLENS_E2E_KEEP=1 to keep the scratch folder (user data, logs) for a post-mortem.
// Functions passed to page.evaluate run in the page, where `document` exists.
/* global document */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from '../../scripts/e2e/install-code-server.mjs';
import { installExtension, launchChromium, listExtensions, startCodeServer, writeUserSettings } from './harness.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const resultsDir = join(repoRoot, 'test-results');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`.toLowerCase();
const readJsonIfPresent = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
const nlsEnglish = readJsonIfPresent(join(repoRoot, 'package.nls.json')) ?? {};
const nlsChinese = readJsonIfPresent(join(repoRoot, 'package.nls.zh-cn.json'));
const l10nChinese = readJsonIfPresent(join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'));
const contributedCommands = new Map((manifest.contributes?.commands ?? []).map((c) => [c.command, c]));

/** Resolves a manifest string such as "%looplens.predict.title%" through an nls table. */
function localise(value, table) {
  const key = /^%(.+)%$/.exec(value ?? '')?.[1];
  if (!key) return value;
  const entry = table?.[key];
  return typeof entry === 'object' && entry !== null ? entry.message : entry;
}

/** "LoopLens: Predict Output" as the command palette shows it, in the given language. */
function paletteLabel(commandId, table) {
  const command = contributedCommands.get(commandId);
  const title = localise(command.title, table);
  const category = command.category ? localise(command.category, table) : undefined;
  return category ? `${category}: ${title}` : title;
}

/** A todo reason when the manifest does not contribute the command yet; undefined when it does. */
function todoUnlessContributed(commandId) {
  return contributedCommands.has(commandId) ? undefined : `the manifest does not contribute ${commandId} yet`;
}

const timings = {};
let scratch;
let dirs;
let workspace;
let entryScript;
let vsixPath;
let server;
let browser;
let page;

async function screenshot(name) {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, `e2e-${name}.png`) });
}

/** Runs a body and takes a screenshot whatever happens, so a failure can be looked at. */
async function withScreenshot(name, body) {
  try {
    await body();
  } finally {
    await screenshot(name).catch(() => {});
  }
}

async function dismissOverlays() {
  await page.keyboard.press('Escape');
  await page.mouse.move(2, 2);
}

/**
 * Opens a workspace file through Quick Open (Ctrl+P), as a user would. Quick Open re-renders its
 * list while it searches, so a pick can land on a row that is being replaced: try again then.
 */
async function openFile(relativePath) {
  const fileName = relativePath.split('/').pop();
  for (let attempt = 1; ; attempt++) {
    await dismissOverlays();
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await page.keyboard.type(relativePath);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click().catch(() => page.keyboard.press('Enter'));
    try {
      await page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/** Runs a command from the command palette (F1) by its visible label. */
async function runFromPalette(label) {
  await dismissOverlays();
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
  await page.keyboard.type(label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/**
 * The visible editor's lines: 1-based line number -> { text, injected }, where `injected` is the
 * text VS Code draws that is not in the file (inlay hints are injected text decorations).
 */
async function visibleLines() {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-instance .monaco-editor');
    const numbers = new Map();
    for (const number of editor.querySelectorAll('.margin-view-overlays .line-numbers')) {
      numbers.set(number.parentElement.style.top, Number(number.textContent));
    }
    const lines = {};
    for (const line of editor.querySelectorAll('.view-lines .view-line')) {
      const lineNumber = numbers.get(line.style.top);
      if (!lineNumber) continue;
      const injected = [...line.querySelectorAll('span[class*="dyn-rule"]')].map((span) => span.textContent.replace(/\u00a0/g, ' ')).join('');
      lines[lineNumber] = { text: line.textContent.replace(/\u00a0/g, ' '), injected };
    }
    return lines;
  });
}

/** The Problems panel's rows: what a screen reader hears (label) and what is drawn (text). */
async function problemRows() {
  return page.evaluate(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((row) => ({
    label: row.getAttribute('aria-label') ?? '',
    text: row.innerText,
  })));
}

async function waitUntil(description, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last?.ok) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}; last seen: ${JSON.stringify(last?.seen ?? last)}`);
    await page.waitForTimeout(500);
  }
}

/** The innermost frame of the webview panel whose tab title matches, as Playwright locators see it. */
function webviewFrame() {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/**
 * code-server's `--install-extension` does not refresh `languagepacks.json` (only the running
 * server's install path does), and without a language pack VS Code ignores `--locale`. So the
 * suite installs a minimal zh-cn language pack (no core translations: the core UI stays English)
 * and writes the same record VS Code's language-pack service writes, which makes the workbench
 * run in zh-cn and load the extension's own Chinese strings.
 */
function installChineseLanguagePack() {
  const packDir = join(scratch, 'zh-cn-language-pack');
  mkdirSync(join(packDir, 'translations'), { recursive: true });
  const pack = {
    name: 'zh-cn-test-language-pack', publisher: 'looplens-e2e', version: '0.0.1', license: 'MIT',
    repository: 'https://example.invalid/looplens-e2e', engines: { vscode: '^1.100.0' },
    contributes: {
      localizations: [{
        languageId: 'zh-cn', languageName: 'Chinese Simplified', localizedLanguageName: '中文(简体)',
        translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
      }],
    },
  };
  writeFileSync(join(packDir, 'package.json'), JSON.stringify(pack));
  writeFileSync(join(packDir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(join(packDir, 'README.md'), 'A language pack for the LoopLens e2e suite only.\n');
  writeFileSync(join(packDir, 'LICENSE'), 'MIT\n');
  const packVsix = join(scratch, 'zh-cn-language-pack.vsix');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', packVsix], { cwd: packDir, stdio: 'pipe' });
  installExtension(entryScript, packVsix, dirs);
  const id = `${pack.publisher}.${pack.name}`;
  const installedDir = readdirSync(dirs.extensionsDir).find((name) => name.startsWith(`${id}-`));
  const hash = createHash('md5').update(id).update(pack.version).digest('hex');
  writeFileSync(join(dirs.userDataDir, 'languagepacks.json'), JSON.stringify({
    'zh-cn': {
      hash,
      extensions: [{ extensionIdentifier: { id }, version: pack.version }],
      translations: { vscode: join(dirs.extensionsDir, installedDir, 'translations', 'main.i18n.json') },
      label: '中文(简体)',
    },
  }));
}

async function openWorkbench(locale) {
  server = await startCodeServer(entryScript, { ...dirs, locale });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const started = Date.now();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  return Date.now() - started;
}

async function closeWorkbench() {
  await page?.close().catch(() => {});
  await server?.stop();
  server = undefined;
}

before(async () => {
  let started = Date.now();
  entryScript = ensureCodeServer({ log: (line) => console.log(`# ${line}`) });
  timings.codeServerReadyMs = Date.now() - started;

  started = Date.now();
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  vsixPath = join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
  timings.packageMs = Date.now() - started;

  scratch = mkdtempSync(join(tmpdir(), 'looplens-e2e-'));
  dirs = { userDataDir: join(scratch, 'user-data'), extensionsDir: join(scratch, 'extensions'), configFile: join(scratch, 'config.yaml') };
  writeUserSettings(dirs.userDataDir, {
    'workbench.colorTheme': 'Default Dark Modern',
    // The budget is CPU time of the whole language-server process, which also parses and analyses
    // files; on the shared, overloaded machines this suite runs on, the 2 s default stopped even
    // the seed example ("stopped: time-budget"). This suite checks what the editor shows, so it
    // gives the engine room; the budget itself is tested in the engine's own tests.
    'looplens.budgets.timeMs': 15000,
  });
  started = Date.now();
  installExtension(entryScript, vsixPath, dirs);
  timings.installExtensionMs = Date.now() - started;

  // The workspace a user would open: the examples plus a file with a TDZ error.
  workspace = join(scratch, 'workspace');
  cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
  writeFileSync(join(workspace, 'tdz.js'), '// Reads `total` before its `let` runs: a ReferenceError at run time.\nconsole.log(total);\nlet total = 1;\n');

  browser = await launchChromium();
  timings.workbenchLoadMs = await openWorkbench();
});

after(async () => {
  await closeWorkbench();
  await browser?.close().catch(() => {});
  if (scratch && !process.env.LOOPLENS_E2E_KEEP) rmSync(scratch, { recursive: true, force: true });
  // Kept for the startup-cost benchmark and for comparing runs (milliseconds, on this machine).
  console.log(`# e2e timings: ${JSON.stringify(timings)}`);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'e2e-timings.json'), JSON.stringify({ ...timings, measuredAt: new Date().toISOString() }, null, 2) + '\n');
});

test('the .vsix is within the 3 MB budget and installs into code-server', () => {
  const bytes = statSync(vsixPath).size;
  console.log(`# ${vsixPath}: ${bytes} bytes`);
  assert.ok(bytes <= 3 * 1024 * 1024, `${bytes} bytes is over the 3 MB budget`);
  const installed = listExtensions(entryScript, dirs).toLowerCase();
  assert.match(installed, new RegExp(`^${extensionId.replace('.', '\\.')}@${manifest.version.replace(/\./g, '\\.')}$`, 'm'));
});

test('the extension activates on a JavaScript file and shows its status bar item', async () => {
  await withScreenshot('activation', async () => {
    const started = Date.now();
    await openFile('node-event-loop.js');
    // The status bar item names the models in use; it only exists once the extension is active.
    await page.locator('.statusbar-item', { hasText: 'LoopLens' }).first().waitFor({ timeout: 60_000 });
    timings.activationAfterOpenMs = Date.now() - started;
  });
});

test('inlay hints beside console.log give the order real node prints', async () => {
  // Measured, not typed: run the very file in this machine's node.
  const printed = execFileSync(process.execPath, [join(workspace, 'node-event-loop.js')], { encoding: 'utf8' }).trim().split('\n');
  const source = readFileSync(join(workspace, 'node-event-loop.js'), 'utf8').split('\n');
  const lineOf = (value) => source.findIndex((line) => line.includes(`console.log('${value}')`)) + 1;
  await withScreenshot('inlay-hints', async () => {
    await openFile('node-event-loop.js');
    const started = Date.now();
    await waitUntil('inlay hints on every console.log line', async () => {
      const lines = await visibleLines();
      const seen = printed.map((value) => ({ value, line: lineOf(value), hint: lines[lineOf(value)]?.injected ?? null }));
      return { ok: seen.every((s) => /#\d/.test(s.hint ?? '')), seen };
    }, 90_000);
    timings.firstInlayHintsMs = Date.now() - started;
    const lines = await visibleLines();
    // Reading the hints' numbers back in line order of the numbers must give node's output.
    const byPosition = printed.map((value) => {
      const hint = lines[lineOf(value)].injected;
      const position = Number(/#(\d+)/.exec(hint)[1]);
      return { value, hint, position };
    });
    for (const [index, { value, hint }] of byPosition.entries()) {
      assert.match(hint, new RegExp(`#${index + 1}(?!\\d)`), `console.log('${value}') is line ${index + 1} of node's output; its hint reads "${hint}"`);
    }
    const ordered = [...byPosition].sort((a, b) => a.position - b.position).map((p) => p.value);
    assert.deepEqual(ordered, printed);
  });
});

test('hovering setTimeout explains what it schedules', async () => {
  await withScreenshot('hover', async () => {
    await openFile('node-event-loop.js');
    const hoverText = await waitUntil('a LoopLens hover on setTimeout', async () => {
      await page.mouse.move(2, 2);
      await page.locator('.editor-instance .view-line span', { hasText: /^setTimeout$/ }).first().hover();
      await page.waitForTimeout(1200);
      const seen = await page.evaluate(() => [...document.querySelectorAll('.monaco-hover:not(.hidden)')].map((h) => h.innerText).join('\n'));
      return { ok: /macrotask/i.test(seen), seen };
    }, 60_000);
    // The per-model detail for Node: the callback runs in the timers phase.
    assert.match(hoverText.seen, /timers phase/i);
  });
});

test('the Problems panel lists the TDZ read as an error from looplens', async () => {
  await withScreenshot('problems', async () => {
    await openFile('tdz.js');
    await dismissOverlays();
    await page.keyboard.press('Control+Shift+M');
    const row = await waitUntil('a looplens TDZ row in the Problems panel', async () => {
      const rows = await problemRows();
      // The rule code (LL1xxx, a link to its documentation) is drawn in the row, not in its aria-label.
      const match = rows.find((r) => /generated by looplens/i.test(r.label) && /\bLL10\d\d\b/.test(r.text));
      return { ok: Boolean(match), seen: rows, match };
    }, 60_000);
    assert.match(row.match.label, /^Error:/, 'a TDZ read is an error');
    assert.match(row.match.label, /at line 2 /, 'on the line that reads `total`');
  });
});

test('the Problems panel lists the CommonJS load-time cycle', async () => {
  await withScreenshot('problems-cycle', async () => {
    // module2.js is where the partly filled exports of module1.js are read.
    await openFile('commonjs-cycle/module2.js');
    await dismissOverlays();
    await page.keyboard.press('Control+Shift+M');
    await waitUntil('a looplens circular-import row in the Problems panel', async () => {
      const rows = await problemRows();
      return { ok: rows.some((r) => /generated by looplens/i.test(r.label) && /\bLL20\d\d\b/.test(r.text) && /module1\.js/.test(r.label)), seen: rows };
    }, 60_000);
  });
});

test('"LoopLens: Predict Output" from the command palette shows the predicted output', { todo: todoUnlessContributed('looplens.predictOutput') }, async () => {
  const printed = execFileSync(process.execPath, [join(workspace, 'node-event-loop.js')], { encoding: 'utf8' }).trim().split('\n');
  await withScreenshot('predict-output', async () => {
    await openFile('node-event-loop.js');
    await runFromPalette(paletteLabel('looplens.predictOutput', nlsEnglish));
    const frame = webviewFrame();
    // The view draws one column per model: a heading line ("node exit code 0"), then "#n" and
    // the printed text for each output line. Read back the node column's texts.
    const modelHeading = /^(node-legacy|node-esm|browser|node)(?:\s|$)/;
    const columns = (text) => {
      const found = {};
      let current;
      for (const line of text.split('\n').map((l) => l.trim())) {
        const heading = modelHeading.exec(line);
        if (heading) found[(current = heading[1])] = [];
        else if (current && line && !/^#\d+$/.test(line)) found[current].push(line);
      }
      return found;
    };
    const shown = await waitUntil('the prediction view with the node column', async () => {
      const text = await frame.locator('body').innerText({ timeout: 5000 }).catch(() => '');
      const seen = columns(text);
      return { ok: seen.node?.length >= printed.length, seen };
    }, 90_000);
    assert.deepEqual(shown.seen.node, printed, 'the node column is what real node prints');
    assert.ok(Object.keys(shown.seen).length >= 2, `more than one model side by side: ${Object.keys(shown.seen).join(', ')}`);
  });
});

test('the execution-context tree opens, shows foo(22) and a node leads to its source', { todo: todoUnlessContributed('looplens.showContextTree') }, async () => {
  await withScreenshot('context-tree', async () => {
    await openFile('execution-context.js');
    await runFromPalette(paletteLabel('looplens.showContextTree', nlsEnglish));
    const frame = webviewFrame();
    const foo22 = frame.locator('[role="treeitem"]', { hasText: 'foo(22)' });
    await foo22.waitFor({ timeout: 90_000 });
    await foo22.locator('.ctx-name').click();
    // The end-of-execution value of `a` is what real node prints in the execution phase.
    const example = join(repoRoot, 'examples', 'execution-context.js');
    const printed = execFileSync(process.execPath, [example], { encoding: 'utf8' });
    const aAtEnd = /execution phase: (\S+)/.exec(printed)?.[1];
    assert.ok(aAtEnd, 'node printed the execution phase');
    const endValue = frame.locator('.bindings.exit tr[data-name="a"] td.value');
    await endValue.waitFor({ timeout: 30_000 });
    assert.equal(await endValue.innerText(), `'${aAtEnd}'`);
    await screenshot('context-tree-details');
    // Click to source: the editor's cursor moves to foo's declaration.
    const declaration = readFileSync(example, 'utf8').split('\n').findIndex((line) => line.startsWith('function foo(')) + 1;
    await foo22.locator('.ctx-line').click();
    await waitUntil('the cursor on the declaration of foo', async () => {
      const status = await page.locator('.statusbar').innerText().catch(() => '');
      return { ok: new RegExp(`Ln ${declaration},`).test(status), seen: status };
    }, 30_000);
  });
});

test('with --locale zh-cn the extension speaks Chinese', { todo: nlsChinese ? undefined : 'package.nls.zh-cn.json does not exist yet' }, async () => {
  await closeWorkbench();
  installChineseLanguagePack();
  await openWorkbench('zh-cn');
  await withScreenshot('zh-cn', async () => {
    await openFile('node-event-loop.js');
    // The palette label comes from package.nls.zh-cn.json, read here rather than typed.
    const chinese = paletteLabel('looplens.predictOutput', nlsChinese);
    assert.notEqual(chinese, paletteLabel('looplens.predictOutput', nlsEnglish), 'the Chinese title differs from the English one');
    await dismissOverlays();
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await page.keyboard.type(chinese);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: chinese }).first().waitFor({ timeout: 30_000 });
    await screenshot('zh-cn-palette');
    await dismissOverlays();
    // The server's hover text comes from l10n/bundle.l10n.zh-cn.json.
    const summary = l10nChinese?.['Schedules a callback on a timer (a macrotask).'];
    assert.ok(summary, 'the zh-cn bundle translates the setTimeout hover');
    await waitUntil('the Chinese hover on setTimeout', async () => {
      await page.mouse.move(2, 2);
      await page.locator('.editor-instance .view-line span', { hasText: /^setTimeout$/ }).first().hover();
      await page.waitForTimeout(1200);
      const seen = await page.evaluate(() => [...document.querySelectorAll('.monaco-hover:not(.hidden)')].map((h) => h.innerText).join('\n'));
      return { ok: seen.includes(typeof summary === 'object' ? summary.message : summary), seen };
    }, 60_000);
  });
});
