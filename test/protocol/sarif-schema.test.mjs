// `looplens check --sarif` against the SARIF 2.1.0 JSON schema (issue 5, item 5). The schema is
// the OASIS standard's final one (sarif-2.1.0-rtm.5, a draft-04 JSON schema) as shipped by
// @microsoft/jest-sarif; Ajv's draft-04 class validates with it. The log comes from the built CLI,
// run as a user runs it, on the analysis fixtures: findings of every family, with related
// locations and quick fixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { repoRoot } from './lspClient.mjs';

const require = createRequire(import.meta.url);
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function validator() {
  // Formats (uri, date-time) are not checked: Ajv knows none without ajv-formats (artifact URIs are
  // checked below). The schema's one language-tag pattern is not valid with the u flag, so patterns
  // are compiled without it.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  return ajv.compile(sarifSchema);
}

function sarifOf(paths) {
  const run = spawnSync(process.execPath, [join(repoRoot, 'dist/cli.js'), 'check', ...paths, '--sarif'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  assert.ok(run.status === 0 || run.status === 1, `check exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const errorsOf = (validate) => (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`).slice(0, 10);

test('check --sarif on the analysis fixtures is a valid SARIF 2.1.0 log, with related locations and fixes', () => {
  const log = sarifOf([join(repoRoot, 'test/fixtures/analysis')]);
  const validate = validator();
  assert.ok(validate(log), errorsOf(validate).join('\n'));
  const results = log.runs[0].results;
  const kinds = new Set(results.map((result) => log.runs[0].tool.driver.rules[result.ruleIndex]?.properties?.kind));
  // The log exercises what the schema constrains most: every family, related locations, fixes.
  assert.deepEqual([...kinds].filter(Boolean).sort(), ['circular-import', 'hoisting', 'leak', 'tdz']);
  assert.ok(results.some((result) => result.relatedLocations?.length > 0), 'some result has related locations');
  assert.ok(results.some((result) => result.fixes?.length > 0), 'some result has fixes');
  for (const result of results) {
    const uri = result.locations[0].physicalLocation.artifactLocation.uri;
    assert.doesNotThrow(() => new URL(uri), `artifact URI ${uri}`);
  }
});

test('the schema check can fail: logs the standard forbids are rejected', () => {
  const log = sarifOf([join(repoRoot, 'test/fixtures/analysis/tdz-typeof')]);
  const validate = validator();
  assert.ok(validate(log), errorsOf(validate).join('\n'));
  const broken = [
    (copy) => { copy.version = '2.0.0'; },
    (copy) => { copy.runs[0].results[0].level = 'fatal'; },
    (copy) => { copy.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0; },
    (copy) => { delete copy.runs[0].tool.driver.name; },
  ];
  for (const breakIt of broken) {
    const copy = structuredClone(log);
    breakIt(copy);
    assert.equal(validate(copy), false, `accepted ${breakIt.toString()}`);
  }
});
