// The "Predict Output" view in real Chromium for the size budget: a file never run shows no exit
// code and says it was not run; a run stopped at a module over the budget shows its exit code and
// why it stopped early. The results come from the engine (dist/core.js), the labels from the host's
// `vscode.l10n.t('…')` calls in client/src/predictionPanel.ts, as VS Code would send them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumSkipReason } from '../helpers/oracle.mjs';
import { launchChromium, openPage, root } from './harness.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { Predictor } = require(process.env.LOOPLENS_DIST ? join(process.env.LOOPLENS_DIST, 'core.js') : join(root, 'dist/core.js'));

/** The English labels of the prediction view, read from the host's source (stop reasons included). */
function predictionLabels() {
  const source = readFileSync(join(root, 'client/src/predictionPanel.ts'), 'utf8');
  const body = source.slice(source.indexOf('function labels()'), source.indexOf('export class'));
  const labels = { stopReasons: {} };
  const reasons = body.slice(body.indexOf('stopReasons: {'), body.indexOf('},', body.indexOf('stopReasons: {')));
  for (const match of body.matchAll(/(\w+): vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'\)/g)) if (!reasons.includes(match[0])) labels[match[1]] = match[2];
  for (const match of reasons.matchAll(/'?([\w-]+)'?: vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'\)/g)) labels.stopReasons[match[1]] = match[2];
  return labels;
}

const labels = predictionLabels();
const predictor = new Predictor({ ts });
let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await predictor.dispose();
});

async function shown(fileName, files) {
  const result = await predictor.predict({ fileName, text: files[fileName], models: ['node'], budgets: { fileSizeKb: 1 } }, { readFile: (path) => files[path] });
  const message = { type: 'prediction', fileLabel: fileName, prediction: { uri: `file://${fileName}`, version: 1, models: ['node'], result }, labels };
  const page = await openPage(browser, message, undefined, { view: 'prediction', ready: 'section.model' });
  const column = page.locator('section.model');
  const view = { result: result.models.node, header: await column.locator('h2').innerText(), banners: await column.locator('.banner').allInnerTexts() };
  await page.getByRole('button', { name: labels.copy }).click();
  view.copied = (await page.evaluate(() => globalThis.__posted)).find((posted) => posted.type === 'copy').text;
  assert.deepEqual(page.errors, []);
  await page.close();
  return view;
}

test('a file over the size budget was not run: no exit code, and the view says so', { skip: chromiumSkipReason ?? false }, async () => {
  const view = await shown('/virtual/big.js', { '/virtual/big.js': `console.log('big');\n${' '.repeat(1100)}\n` });
  assert.equal(view.result.stopped, 'file-size');
  assert.equal(view.result.exitCode, null);
  assert.equal(view.header.trim(), 'node');
  assert.deepEqual(view.banners, [labels.notRun]);
  assert.equal(view.copied.split('\n')[0], `== /virtual/big.js — node (${labels.notRun}) ==`);
  assert.doesNotMatch(view.copied, new RegExp(labels.exitCode));
});

test('a run stopped at a module over the size budget keeps its exit code and says why it stopped early', { skip: chromiumSkipReason ?? false }, async () => {
  const view = await shown('/virtual/main.js', {
    '/virtual/main.js': "console.log('start');\nrequire('./dep.js');\n",
    '/virtual/dep.js': `module.exports = 1;\n${' '.repeat(1100)}\n`,
  });
  assert.equal(view.result.stopped, 'file-size');
  assert.equal(typeof view.result.exitCode, 'number');
  assert.equal(view.header.trim(), `node ${labels.exitCode} ${view.result.exitCode}`);
  assert.deepEqual(view.banners, [`${labels.stopped}: ${labels.stopReasons['file-size']}`]);
  assert.equal(view.copied.split('\n')[0], `== /virtual/main.js — node (${labels.exitCode} ${view.result.exitCode}, ${labels.stopped}: ${labels.stopReasons['file-size']}) ==`);
});
