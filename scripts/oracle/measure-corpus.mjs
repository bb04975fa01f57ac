#!/usr/bin/env node
// Runs every program of the differential corpus in the real runtimes its directives name and
// prints what they printed. With --repeat N it runs each (program, model) N times and reports the
// programs whose output varied but that are not marked `// nondeterministic` (a corpus bug: the
// oracle would be flaky). Nothing here is written back into the repository; expected outputs are
// always measured at test time.
//
// Usage: node scripts/oracle/measure-corpus.mjs [--repeat N] [--filter SUBSTRING] [--model NAME] [--json]

import { parseArgs } from 'node:util';
import { withChromium, chromiumSkipReason, legacyNodeSkipReason } from '../../test/helpers/oracle.mjs';
import { isNondeterministic, loadCorpus, runRealNode, observedFromNode, observedFromBrowser, mapWithConcurrency } from '../../test/differential/corpus.mjs';

const { values } = parseArgs({
  options: {
    repeat: { type: 'string', default: '1' },
    filter: { type: 'string', default: '' },
    model: { type: 'string', default: '' },
    json: { type: 'boolean', default: false },
  },
});
const repeat = Math.max(1, Number(values.repeat) || 1);

const programs = (await loadCorpus()).filter((program) => program.rel.includes(values.filter));
const jobs = programs.flatMap((program) => program.models
  .filter((model) => !values.model || model === values.model)
  .map((model) => ({ program, model })));
const legacySkip = await legacyNodeSkipReason();

async function measure(runInPage) {
  return mapWithConcurrency(jobs, 2, async ({ program, model }) => {
    const runs = [];
    for (let attempt = 0; attempt < repeat; attempt++) {
      if (model === 'browser') {
        if (!runInPage) return { program, model, skipped: chromiumSkipReason };
        runs.push(observedFromBrowser(await runInPage(program.code)));
      } else {
        if (model === 'node-legacy' && legacySkip) return { program, model, skipped: legacySkip };
        runs.push(observedFromNode(await runRealNode(program, model)));
      }
    }
    const distinct = [...new Set(runs.map((run) => JSON.stringify(run)))].map((text) => JSON.parse(text));
    return { program, model, observed: distinct[0], variants: distinct.length, distinct };
  });
}

const needsBrowser = jobs.some((job) => job.model === 'browser');
const results = needsBrowser && !chromiumSkipReason ? await withChromium((runInPage) => measure(runInPage)) : await measure(null);

if (values.json) {
  console.log(JSON.stringify(results.map(({ program, model, observed, variants, distinct, skipped }) => ({ file: program.rel, model, observed, variants, distinct: variants > 1 ? distinct : undefined, skipped })), null, 2));
} else {
  for (const result of results) {
    const { program, model, observed, variants, skipped } = result;
    console.log(`== ${program.rel} [${model}]${isNondeterministic(program, model) ? ' (nondeterministic)' : ''}`);
    if (skipped) {
      console.log(`   skipped: ${skipped}`);
      continue;
    }
    if (variants > 1) {
      console.log(`   !! ${variants} different outputs in ${repeat} runs; the others were:`);
      for (const other of result.distinct.slice(1)) console.log(`   !! ${JSON.stringify(other)}`);
    }
    for (const [name, lines] of Object.entries(observed)) {
      if (Array.isArray(lines)) for (const line of lines) console.log(`   ${name}: ${line}`);
      else console.log(`   ${name}: ${lines}`);
    }
  }
  const flaky = results.filter((result) => result.variants > 1 && !isNondeterministic(result.program, result.model));
  console.log(`\n${results.length} runs; ${flaky.length} unmarked programs varied between runs${flaky.length ? `: ${flaky.map((r) => `${r.program.rel} [${r.model}]`).join(', ')}` : ''}`);
}
