// Every user-facing string exists in English and Simplified Chinese: the manifest strings
// (package.nls*.json, and every %key% the manifest uses) and the runtime strings passed to
// l10n.t in the client and the server (l10n/bundle.l10n.zh-cn.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lspClient.mjs';

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

function sourceFiles(dir) {
  const found = [];
  const walk = (current) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (full.endsWith('.ts')) found.push(full);
    }
  };
  walk(path.join(repoRoot, dir));
  return found;
}

/** The string literals passed as first argument to `l10n.t(...)`. */
function l10nKeys(files) {
  const keys = new Set();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/l10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)) keys.add(match[2].replace(/\\(.)/g, '$1'));
    // A template literal or a variable would escape this check; forbid them.
    assert.doesNotMatch(text, /l10n\.t\(\s*[`a-zA-Z]/, `${file}: l10n.t must get a string literal`);
  }
  return keys;
}

test('package.nls.json and package.nls.zh-cn.json have the same keys, all non-empty', () => {
  const english = readJson('package.nls.json');
  const chinese = readJson('package.nls.zh-cn.json');
  assert.deepEqual(Object.keys(chinese).sort(), Object.keys(english).sort());
  for (const [key, value] of Object.entries(chinese)) {
    assert.ok(typeof value === 'string' && value.trim().length > 0, key);
    assert.notEqual(value, english[key], `${key} is not translated`);
  }
});

test('every %key% in package.json is defined', () => {
  const english = readJson('package.nls.json');
  const manifest = fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
  const used = [...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
  assert.ok(used.length > 0);
  for (const key of used) assert.ok(key in english, `missing ${key} in package.nls.json`);
});

test('every runtime string has a zh-cn translation and the bundle has no stale keys', () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
  const serverGlue = fs.readdirSync(path.join(repoRoot, 'server/src')).filter((name) => name.endsWith('.ts')).map((name) => path.join(repoRoot, 'server/src', name));
  const files = [...sourceFiles('client/src'), ...sourceFiles('server/src/features'), ...serverGlue];
  const keys = l10nKeys(files);
  assert.ok(keys.size > 20);
  for (const key of keys) assert.ok(typeof bundle[key] === 'string' && bundle[key].length > 0, `missing zh-cn translation: ${key}`);
  for (const key of Object.keys(bundle)) assert.ok(keys.has(key), `stale bundle key: ${key}`);
  for (const [key, value] of Object.entries(bundle)) {
    const placeholders = (s) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');
    assert.equal(placeholders(value), placeholders(key), `placeholders differ: ${key}`);
  }
});
