// The diagnostics settings through the real server (issue 5, item 4: "severity per family is a
// setting"; item 1: style-only findings off by default): `looplens.diagnostics.severity` per family
// and per rule code, `includeStyle`, and a family switched off, each on the same document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { positionOf, startServer } from './lspClient.mjs';
import { RULES } from '../../dist/core.js';

// A TDZ read (real node throws there), an implicit global (a leak), and a function called above its
// declaration (style only).
const TEXT = "helper();\nconsole.log(value);\nlet value = 1;\ncount = 3;\nfunction helper() {}\n";
const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 };
/** Descriptive rule name -> stable id, from the rule catalogue. */
const RULE_IDS = Object.fromEntries([...RULES.values()].map((rule) => [rule.code, rule.id]));

test('severity per family and per code, includeStyle and family switches reach the published diagnostics', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'looplens-settings-'));
  try {
    const file = join(folder, 'settings.js');
    writeFileSync(file, TEXT);
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    assert.match(run.stderr, new RegExp(`settings\\.js:${positionOf(TEXT, 'console.log(value)').line + 1}\\b[\\s\\S]*Cannot access 'value' before initialization`));
    const uri = pathToFileURL(file).href;
    const tdzLine = positionOf(TEXT, 'value);').line;
    const leakLine = positionOf(TEXT, 'count = 3').line;
    const styleLine = positionOf(TEXT, 'helper();').line;
    const cases = [
      { settings: {}, expected: [[tdzLine, 'tdz-read-before-init', 'error'], [leakLine, 'leak-implicit-global', 'warning']] },
      { settings: { diagnostics: { severity: { tdz: 'warning', leak: 'off' } } }, expected: [[tdzLine, 'tdz-read-before-init', 'warning']] },
      { settings: { diagnostics: { severity: { 'tdz-read-before-init': 'hint', 'leak-implicit-global': 'error' } } }, expected: [[tdzLine, 'tdz-read-before-init', 'hint'], [leakLine, 'leak-implicit-global', 'error']] },
      // A rule named by its stable id, as the editor shows it, works as its descriptive name does.
      { settings: { diagnostics: { severity: { LL1001: 'hint', LL3001: 'off' } } }, expected: [[tdzLine, 'tdz-read-before-init', 'hint']] },
      { settings: { diagnostics: { includeStyle: true } }, expected: [[styleLine, 'hoisting-function-used-before-declaration', 'information'], [tdzLine, 'tdz-read-before-init', 'error'], [leakLine, 'leak-implicit-global', 'warning']] },
      { settings: { diagnostics: { leaks: false, tdz: false } }, expected: [] },
    ];
    for (const { settings, expected } of cases) {
      const server = await startServer({ settings, pullDiagnostics: true });
      try {
        await server.open(uri, TEXT);
        const report = await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
        // The diagnostic's code is the rule's stable id; the descriptive name rides in its data.
        const actual = report.items.map((d) => [d.range.start.line, d.data.code, d.code, d.severity]).sort((a, b) => a[0] - b[0]);
        assert.deepEqual(actual, expected.map(([line, code, severity]) => [line, code, RULE_IDS[code], SEVERITY[severity]]), JSON.stringify(settings));
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
