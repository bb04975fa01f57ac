// The webview XSS payload suite (issue 9, item 5): script-injection payloads printed by a user's
// program, thrown in its errors, and placed in every string the host sends (file label, labels,
// notes, the error banner, skipped reasons, context names) must render as text in both views
// ("Predict Output" and the execution-context tree), and the page's Content Security Policy must
// hold: no violation reports, no request beyond the page's own script and style.
//
// The page is the extension's real shell: `client/src/webviewHtml.ts` is bundled here with a
// stand-in for the `vscode` module and served from a fake origin by Playwright's router, so the
// CSP under test is the one the extension ships (not a copy), with its nonce and `cspSource`.
// The predictions come from the real engine (dist/core.js); what is printed is compared with the
// program's own text, not typed in twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumSkipReason } from '../helpers/oracle.mjs';
import { repoRoot } from '../protocol/lspClient.mjs';
import { englishLabels } from '../webview/harness.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { Predictor } = require(process.env.LOOPLENS_DIST ? join(process.env.LOOPLENS_DIST, 'core.js') : join(repoRoot, 'dist/core.js'));

/** Every payload sets `__pwned` (or asks for a resource) if it ever becomes markup or code. */
const PAYLOADS = [
  '<script>globalThis.__pwned = "script"</script>',
  '</script><script>globalThis.__pwned = "close-script"</script>',
  '<img src=x onerror="globalThis.__pwned = \'img\'">',
  '<svg/onload=globalThis.__pwned=\'svg\'>',
  '<iframe srcdoc="<script>parent.__pwned = \'iframe\'</script>"></iframe>',
  '<a href="javascript:globalThis.__pwned = \'link\'" id="pwnlink">click</a>',
  '<details open ontoggle="globalThis.__pwned = \'details\'">',
  '<body onload="globalThis.__pwned = \'body\'">',
  '<object data="javascript:globalThis.__pwned = \'object\'"></object>',
  '<embed src="payload.swf">',
  '<style>@import url(payload.css); body { display: none }</style>',
  '<link rel="stylesheet" href="payload2.css">',
  '<meta http-equiv="refresh" content="0; url=javascript:globalThis.__pwned = \'meta\'">',
  '<base href="https://evil.example/">',
  '<form action="javascript:globalThis.__pwned = \'form\'"><button id="pwnbutton">go</button></form>',
  '<math><mtext><table><mglyph><style><img src=y onerror="globalThis.__pwned = \'mxss\'">',
  '"><img src=z onerror="globalThis.__pwned = \'attr-break\'">',
  '\'><svg onload="globalThis.__pwned = \'quote-break\'">',
  '&lt;img src=w onerror="globalThis.__pwned = \'entity\'"&gt;',
  '${globalThis.__pwned = "template"}',
  '{{constructor.constructor("globalThis.__pwned = \'angular\'")()}}',
  '<x onpointerover="globalThis.__pwned = \'custom\'" style="position:fixed;inset:0">cover</x>',
  '<template><img src=t onerror="globalThis.__pwned = \'template-tag\'"></template>',
  '<noscript><p title="</noscript><img src=n onerror=globalThis.__pwned=\'noscript\'>">',
  '\u2028\u2029<img src=u onerror="globalThis.__pwned = \'separators\'">',
];

/** Tags the page never makes itself and a payload would bring. */
const FOREIGN_TAGS = ['script', 'img', 'svg', 'iframe', 'a', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'math', 'body', 'x', 'template', 'noscript', 'video', 'audio', 'textarea', 'frame', 'frameset'];

const ORIGIN = 'https://looplens.test';
/** A click that cannot happen within this means the page was broken (by a payload); fail fast. */
const CLICK_TIMEOUT_MS = 10_000;

/** A stand-in for the parts of the `vscode` module that webviewHtml.ts uses. */
const FAKE_VSCODE = `
export const Uri = { joinPath: (base, ...parts) => ({ path: [base.path, ...parts].join('/') }) };
export const env = { language: 'en' };
`;

/** The extension's own HTML shell for `view`, as webviewHtml.ts builds it, for a webview served from ORIGIN. */
async function realShell(view) {
  const built = await esbuild.build({
    entryPoints: [join(repoRoot, 'client', 'src', 'webviewHtml.ts')],
    bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent',
    plugins: [{
      name: 'fake-vscode',
      setup(build) {
        build.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', namespace: 'fake-vscode' }));
        build.onLoad({ filter: /.*/, namespace: 'fake-vscode' }, () => ({ contents: FAKE_VSCODE, loader: 'js' }));
      },
    }],
  });
  const { webviewHtml } = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  const webview = { cspSource: ORIGIN, asWebviewUri: (uri) => ({ toString: () => `${ORIGIN}${uri.path}` }) };
  return webviewHtml(webview, { path: '' }, view);
}

let browser;
const predictor = new Predictor({ ts });
before(async () => {
  if (!chromiumSkipReason) browser = await (await import('playwright-core')).chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});
after(() => Promise.all([browser?.close(), predictor.dispose()]));

/**
 * Opens the real shell for `view` with a fake `acquireVsCodeApi` (an init script, which the CSP does
 * not govern, as VS Code's own preload is not), posts `message`, and returns the page with what it
 * recorded: page errors, CSP violation events and console reports, and every request it made.
 */
async function openShell(view, message) {
  const html = await realShell(view);
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const problems = [];
  const requests = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (entry) => {
    if (/Content Security Policy|Refused to/i.test(entry.text())) problems.push(`console: ${entry.text()}`);
  });
  await page.addInitScript(() => {
    globalThis.__violations = [];
    globalThis.document.addEventListener('securitypolicyviolation', (event) => globalThis.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    globalThis.__posted = [];
    globalThis.acquireVsCodeApi = () => ({ postMessage: (m) => globalThis.__posted.push(m), getState: () => undefined, setState: () => {} });
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    const { origin, pathname } = new URL(url);
    const files = { '/index.html': [html, 'text/html'], '/media/webview.js': [readFileSync(join(repoRoot, 'media/webview.js'), 'utf8'), 'text/javascript'], '/media/webview.css': [readFileSync(join(repoRoot, 'media/webview.css'), 'utf8'), 'text/css'] };
    if (origin === ORIGIN && files[pathname]) return route.fulfill({ status: 200, contentType: files[pathname][1], body: files[pathname][0] });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => globalThis.__posted.some((m) => m.type === 'ready'));
  await page.evaluate((m) => globalThis.postMessage(m, '*'), message);
  return { page, problems, requests };
}

/** Nothing a payload could have made exists, ran, or was fetched; every payload is on the page as text. */
async function assertRenderedAsText({ page, problems, requests }, expectedTexts) {
  const census = await page.evaluate((foreignTags) => {
    const shown = [...globalThis.document.querySelectorAll('#root *, #toolbar *')];
    return {
      foreign: shown.filter((node) => foreignTags.includes(node.localName)).map((node) => node.outerHTML.slice(0, 120)),
      handlers: shown.flatMap((node) => [...node.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${node.localName} ${attribute.name}`)),
      text: globalThis.document.body.textContent,
      pwned: globalThis.__pwned,
      violations: globalThis.__violations,
    };
  }, FOREIGN_TAGS);
  assert.equal(census.pwned, undefined, 'a payload ran');
  assert.deepEqual(census.foreign, [], 'elements made from payloads');
  assert.deepEqual(census.handlers, [], 'event-handler attributes made from payloads');
  assert.deepEqual(census.violations, [], 'CSP violation events');
  assert.deepEqual(problems, [], 'page errors and CSP reports');
  assert.deepEqual(requests.filter((url) => !['/index.html', '/media/webview.js', '/media/webview.css'].some((path) => url === `${ORIGIN}${path}`)), [], 'requests beyond the page itself');
  const missing = expectedTexts.filter((text) => !census.text.includes(text));
  assert.deepEqual(missing, [], 'payloads not shown verbatim as text');
}

/** A program that prints every payload, writes one to stderr and dies of an error whose message is one. */
const PROGRAM = `${PAYLOADS.map((payload) => `console.log(${JSON.stringify(payload)});`).join('\n')}
console.error(${JSON.stringify(PAYLOADS[2])});
function ${'$onerror'}(value) { return value; }
${'$onerror'}(${JSON.stringify(PAYLOADS[0])});
throw new Error(${JSON.stringify(PAYLOADS[1])});
`;
const fileName = join(repoRoot, 'test-results', 'xss-payloads.js');

/** Every label the page shows, each one a payload (the host is trusted, but the page must not need to be). */
function payloadLabels(template) {
  const labels = {};
  let index = 0;
  for (const [key, value] of Object.entries(template)) {
    labels[key] = typeof value === 'object' ? payloadLabels(value) : `${PAYLOADS[index++ % PAYLOADS.length]} ${key}`;
  }
  return labels;
}

test('prediction view: payloads printed, thrown and in every host string render as text under the shipped CSP', { skip: chromiumSkipReason ?? false }, async () => {
  const models = ['node', 'browser'];
  const result = await predictor.predict({ fileName, text: PROGRAM, models }, { readFile: () => undefined });
  const printed = models.flatMap((model) => result.models[model].output.map((line) => line.text));
  // The engine printed the payloads themselves: the page then has them to render.
  for (const payload of PAYLOADS) assert.ok(printed.includes(payload), `the prediction printed ${JSON.stringify(payload)}`);
  result.models.node.notes.push(PAYLOADS[3]);
  result.skipped = { 'node-legacy': PAYLOADS[4] };
  const labels = payloadLabels({ title: '', copy: '', rerun: '', running: '', exitCode: '', stopped: '', notRun: '', stopReasons: { 'time-budget': '', memory: '', 'output-limit': '', 'virtual-time': '', unsupported: '', 'file-size': '' }, notDeterministic: '', alternatives: '', skipped: '', differs: '', noOutput: '', notes: '', error: '', unstable: '', varying: '' });
  const message = { type: 'prediction', fileLabel: PAYLOADS[5], prediction: { uri: `file://${fileName}`, version: 1, models, result, error: PAYLOADS[6] }, labels };
  const shell = await openShell('prediction', message);
  try {
    await shell.page.locator('.columns').waitFor();
    const expected = [...PAYLOADS, message.fileLabel, `${labels.error}: ${PAYLOADS[6]}`, labels.rerun];
    await assertRenderedAsText(shell, expected);
    // Open whatever can be opened, and point at everything, so that handlers would have their event.
    for (const summary of await shell.page.locator('summary').all()) await summary.click({ timeout: CLICK_TIMEOUT_MS });
    await shell.page.mouse.move(640, 360);
    await shell.page.getByRole('button', { name: labels.copy }).click({ timeout: CLICK_TIMEOUT_MS });
    const copied = await shell.page.evaluate(() => globalThis.__posted.find((m) => m.type === 'copy')?.text ?? '');
    assert.ok(PAYLOADS.every((payload) => copied.includes(payload)), 'the copied text has every payload verbatim');
    await assertRenderedAsText(shell, expected);
  } finally {
    await shell.page.close();
  }
});

test('context tree: payloads in values, names and labels render as text under the shipped CSP', { skip: chromiumSkipReason ?? false }, async () => {
  const result = await predictor.predict({ fileName, text: PROGRAM, models: ['node'], trace: true }, { readFile: () => undefined });
  const modelResult = result.models.node;
  assert.ok(modelResult.trace, 'the engine recorded a trace');
  modelResult.trace.contexts.forEach((context, index) => {
    context.name = PAYLOADS[index % PAYLOADS.length];
    context.thisReason = PAYLOADS[(index + 7) % PAYLOADS.length];
  });
  const message = { type: 'contextTree', fileLabel: PAYLOADS[8], tree: { uri: `file://${fileName}`, version: 1, model: 'node', trace: modelResult.trace, output: modelResult }, labels: englishLabels(), models: ['node', 'browser'] };
  const shell = await openShell('contextTree', message);
  try {
    await shell.page.locator('[role="tree"]').waitFor();
    await assertRenderedAsText(shell, [message.fileLabel]);
    // Select each context so that its details (names, values, this) are drawn, and step the timeline.
    const rows = shell.page.locator('[role="treeitem"]');
    for (let index = 0; index < Math.min(await rows.count(), 6); index++) await rows.nth(index).locator('.ctx-name').first().click({ timeout: CLICK_TIMEOUT_MS });
    for (let step = 0; step < 5; step++) await shell.page.locator('.step-forward').click({ timeout: CLICK_TIMEOUT_MS });
    await shell.page.mouse.move(640, 360);
    await assertRenderedAsText(shell, [message.fileLabel, PAYLOADS[0]]);
  } finally {
    await shell.page.close();
  }
});
