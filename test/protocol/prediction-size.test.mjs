// The size budget over the protocol: a document over looplens.budgets.fileSizeKb is not predicted
// (engine/README.md, "Large files"), and the answer says so in the editor's language; a request
// that raises the budget predicts the same document. The limit is lowered to 2 KB here so that the
// document stays small (the robustness fuzz sends the 5 MB one under the default limit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, startServer } from './lspClient.mjs';

const bundle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));

test('a document over looplens.budgets.fileSizeKb is not run: looplens/predict says why in the editor\'s language', async () => {
  // 2,068 characters: 3 KB, over the 2 KB limit.
  const text = `console.log('ran');${' '.repeat(2048)}\n`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'looplens-size-'));
  const file = path.join(dir, 'padded.js');
  fs.writeFileSync(file, text);
  const printed = execFileSync(process.execPath, [file], { encoding: 'utf8' }).split('\n').slice(0, -1);
  const uri = pathToFileURL(file).href;
  const english = 'The file is 3 KB, over the 2 KB limit for prediction (budgets.fileSizeKb), so it was not run: preparing and compiling a file this large takes seconds before any of it runs, and the time budget cannot stop that.';
  try {
    for (const locale of ['en', 'zh-cn']) {
      const server = await startServer({ locale, settings: { models: ['node'], budgets: { fileSizeKb: 2 } } });
      try {
        await server.open(uri, text);
        const refused = (await server.connection.sendRequest('looplens/predict', { uri })).result.models.node;
        assert.equal(refused.stopped, 'file-size', locale);
        assert.deepEqual(refused.output, [], locale);
        // Never run: it has no exit code (the view shows "not run", not "exit code 0").
        assert.equal(refused.exitCode, null, locale);
        const expected = locale === 'en' ? english : bundle[refused.noteParts[english].message].replace('{0}', '3').replace('{1}', '2');
        assert.deepEqual(refused.notes, [expected], locale);
        const raised = (await server.connection.sendRequest('looplens/predict', { uri, models: ['node'], budgets: { fileSizeKb: 3 } })).result.models.node;
        assert.equal(raised.stopped, null, locale);
        assert.deepEqual(raised.output.map((line) => line.text), printed, locale);
      } finally {
        await server.stop();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
