// The context-tree webview page in real Chromium, shared by the webview tests and the benchmark:
// the page under the extension's CSP with a fake VS Code API, the English labels VS Code would
// send, the theme variables, and the engine's trace turned into the message the host posts.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumSkipReason } from '../helpers/oracle.mjs';

export const root = resolve(new URL('../..', import.meta.url).pathname);
const pageScript = () => readFileSync(join(root, 'media/webview.js'), 'utf8');
const pageStyle = () => readFileSync(join(root, 'media/webview.css'), 'utf8');

/** The English labels, read from the host's `vscode.l10n.t('…')` calls so the page sees what VS Code sends. */
export function englishLabels() {
  const source = readFileSync(join(root, 'client/src/contextTreePanel.ts'), 'utf8');
  const body = source.slice(source.indexOf('function labels()'), source.indexOf('export class'));
  const labels = {};
  for (const match of body.matchAll(/(\w+): vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'\)/g)) labels[match[1]] = match[2].replace(/\\'/g, "'");
  return labels;
}

/** The message the host posts for `relativePath`'s trace under `model`, predicted by `predictor`. */
export async function treeMessage(predictor, ts, relativePath, model = 'node') {
  const fileName = join(root, relativePath);
  const text = readFileSync(fileName, 'utf8');
  const host = { readFile: (file) => { try { return readFileSync(file, 'utf8'); } catch { return undefined; } } };
  const result = await predictor.predict({ fileName, text, models: [model], trace: true }, host);
  const modelResult = result.models[model];
  if (!modelResult?.trace) throw new Error(`the engine recorded no trace for ${relativePath}`);
  return { type: 'contextTree', fileLabel: relativePath, tree: { uri: `file://${fileName}`, version: 1, model, trace: modelResult.trace, output: modelResult }, labels: englishLabels(), models: ['node', 'browser'] };
}

export const THEME = `body { --vscode-font-family: sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace; --vscode-editor-font-size: 13px;
  --vscode-foreground: #cccccc; background: #1e1e1e; --vscode-descriptionForeground: #9d9d9d; --vscode-textLink-foreground: #3794ff;
  --vscode-list-inactiveSelectionBackground: #37373d; --vscode-list-activeSelectionBackground: #04395e; --vscode-list-hoverBackground: #2a2d2e;
  --vscode-focusBorder: #007fd4; --vscode-editorWarning-foreground: #cca700; --vscode-errorForeground: #f48771; --vscode-panel-border: #444;
  --vscode-button-secondaryBackground: #3a3d41; --vscode-button-secondaryForeground: #fff; --vscode-input-background: #3c3c3c; --vscode-input-foreground: #ccc;
  --vscode-editor-findMatchHighlightBackground: rgba(234, 92, 0, 0.33); }`;

export const LIGHT_THEME = {
  background: '#ffffff', '--vscode-foreground': '#3b3b3b', '--vscode-descriptionForeground': '#717171', '--vscode-textLink-foreground': '#005fb8',
  '--vscode-list-inactiveSelectionBackground': '#e4e6f1', '--vscode-list-activeSelectionBackground': '#e8e8e8', '--vscode-list-hoverBackground': '#f2f2f2',
  '--vscode-editorWarning-foreground': '#bf8803', '--vscode-errorForeground': '#e51400', '--vscode-panel-border': '#e5e5e5',
  '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b',
};

/** Chromium for the webview tests (undefined when it is not installed: the tests skip with chromiumSkipReason). */
export async function launchChromium() {
  if (chromiumSkipReason) return undefined;
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Opens the page under the same CSP as the extension's shell (`default-src 'none'`, one nonce for
 * the scripts and the style), with optional saved state, posts `message`, and returns the page once
 * `ready` (a selector) is on it. `view` is the shell's data-view: 'contextTree' or 'prediction'.
 */
export async function openPage(browser, message, savedState, { view = 'contextTree', ready = '[role="tree"]' } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (entry) => {
    if (/Content Security Policy/i.test(entry.text())) errors.push(new Error(entry.text()));
  });
  const nonce = randomBytes(18).toString('base64');
  const state = JSON.stringify(savedState ?? null).replace(/</g, '\\u003c');
  const fakeApi = `globalThis.__posted = []; globalThis.__state = ${state};
globalThis.acquireVsCodeApi = () => ({ postMessage: (m) => globalThis.__posted.push(m), getState: () => globalThis.__state, setState: (s) => { globalThis.__state = JSON.parse(JSON.stringify(s)); } });`;
  await page.setContent(`<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">${pageStyle()}\n${THEME}</style></head>
<body data-view="${view}"><div id="toolbar"></div><div id="root"></div>
<script nonce="${nonce}">${fakeApi}</script><script nonce="${nonce}">${pageScript()}</script></body></html>`);
  if (message) await page.evaluate((m) => globalThis.postMessage(m, '*'), message);
  if (message || savedState) await page.locator(ready).waitFor();
  page.errors = errors;
  return page;
}


/**
 * Milliseconds from the moment `message` (already handed to the page as globalThis.__bigMessage)
 * arrives to the next frame after the tree exists, measured inside the page; one value per attempt.
 */
export async function timeTreeRender(page, attempts = 3) {
  const timings = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    timings.push(await page.evaluate(async () => {
      const m = globalThis.__bigMessage;
      let arrived = 0;
      globalThis.addEventListener('message', () => { arrived = performance.now(); }, { once: true, capture: true });
      globalThis.document.getElementById('root').replaceChildren();
      globalThis.postMessage(m, '*');
      while (!globalThis.document.querySelector('[role="tree"]')) await new Promise((done) => setTimeout(done, 1));
      await new Promise((done) => globalThis.requestAnimationFrame(() => done()));
      return performance.now() - arrived;
    }));
  }
  return timings;
}
