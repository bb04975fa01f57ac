// The module graph skips the facts walk for a text without module syntax (no `import`, `export`,
// `require` or `define`): such a file can be on no cycle. These cases guard that shortcut from the
// other side: each word alone makes an edge (AMD's `define` is read by the sketch but is no load-time
// edge of the cycle analysis, so it has no case here), so an open file (analysed with its tree, as the
// analysis worker does) or a closed one (sketched from disk) that closes a cycle with it must still
// get the cycle's finding, and a file without the words must get none.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { analyzeFile, IncrementalParser, ModuleGraph } = require('../../dist/core.js');
const ts = require('typescript');

const folder = '/virtual/project';
const partner = `${folder}/b.js`;
const partnerText = "const a = require('./a.js');\nmodule.exports = { b: 1 };\n";

/** A host that knows only the given files (absolute path -> text). */
function memoryHost(files) {
  return {
    readFile: (file) => files.get(file),
    fileExists: (file) => files.has(file),
    directoryExists: (dir) => dir === folder,
    getDirectories: () => [],
    realpath: (file) => file,
    filesInDirectory: (dir) => (dir === folder ? [...files.keys()].map((file) => file.slice(folder.length + 1)) : undefined),
  };
}

const withModuleSyntax = {
  require: "const b = require('./b.js');\nconsole.log(b.b);\n",
  import: "import { b } from './b.js';\nconsole.log(b);\n",
  'export from': "export { b } from './b.js';\n",
  'export star': "export * from './b.js';\n",
};

function cycleKinds(text, open) {
  const file = `${folder}/a.js`;
  const files = new Map([[partner, partnerText], [file, text]]);
  const host = memoryHost(files);
  const graph = new ModuleGraph(ts, host);
  if (!open) {
    // Closed: the graph reads and sketches a.js itself, as a file of the workspace it reaches.
    graph.addReachableFrom([partner]);
    return graph.cycleFindings().map((finding) => finding.kind);
  }
  const findings = analyzeFile(ts, text, file, host, { moduleGraph: graph, parser: new IncrementalParser(ts) });
  return [...findings.map((finding) => finding.kind), ...graph.cycleFindings().map((finding) => finding.kind)].filter((kind) => kind.startsWith('circular-import'));
}

for (const [word, text] of Object.entries(withModuleSyntax)) {
  for (const open of [true, false]) {
    test(`${open ? 'an open' : 'a closed'} file whose only module syntax is ${word} closes the cycle`, () => {
      assert.ok(cycleKinds(text, open).length > 0, `no cycle finding for ${JSON.stringify(text)}`);
    });
  }
}
