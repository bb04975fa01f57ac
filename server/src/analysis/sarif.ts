// SARIF 2.1.0 output for `looplens check --sarif`, so CI systems (GitHub code scanning and others)
// can show the findings.
import { allRules } from './rules';
import type { Finding } from './types';

const SARIF_LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = {
  error: 'error', warning: 'warning', information: 'note', hint: 'note',
};

function toUri(file: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return file;
  const normalized = file.replace(/\\/g, '/');
  return encodeURI(normalized.startsWith('/') ? `file://${normalized}` : `file:///${normalized}`);
}

/** A SARIF 2.1.0 log with one run, its rule catalogue and one result per finding. */
export function toSarif(findings: readonly Finding[], toolVersion = '0.1.0', docsBaseUri = 'https://github.com/looplens/looplens/blob/main/docs/rules/'): object {
  const rules = allRules();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.code, index]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'LoopLens',
          version: toolVersion,
          informationUri: 'https://github.com/looplens/looplens',
          rules: rules.map((rule) => ({
            // The stable id is the rule's SARIF id, as it is the diagnostic's code in the editor.
            id: rule.id,
            name: rule.code.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase()),
            shortDescription: { text: rule.title },
            helpUri: `${docsBaseUri}${rule.id}.md`,
            defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity], enabled: !rule.styleOnly },
            properties: { code: rule.code, kind: rule.kind },
          })),
        },
      },
      results: findings.map((finding) => ({
        ruleId: finding.ruleId ?? finding.code,
        ...(ruleIndex.has(finding.code) ? { ruleIndex: ruleIndex.get(finding.code) } : {}),
        level: SARIF_LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: toUri(finding.file) },
            region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
          },
        }],
        ...(finding.related && finding.related.length > 0 ? {
          relatedLocations: finding.related.map((location, id) => ({
            id,
            message: { text: location.message },
            physicalLocation: {
              artifactLocation: { uri: toUri(location.file) },
              region: { startLine: location.line, startColumn: location.column, endLine: location.endLine, endColumn: location.endColumn },
            },
          })),
        } : {}),
        ...(finding.fixes && finding.fixes.length > 0 ? {
          fixes: finding.fixes.map((fix) => ({
            description: { text: fix.title },
            artifactChanges: groupByFile(fix.edits).map(([file, edits]) => ({
              artifactLocation: { uri: toUri(file) },
              replacements: edits.map((edit) => ({
                deletedRegion: { startLine: edit.line, startColumn: edit.column, endLine: edit.endLine, endColumn: edit.endColumn },
                insertedContent: { text: edit.newText },
              })),
            })),
          })),
        } : {}),
      })),
    }],
  };
}

function groupByFile<T extends { file: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.file, [...(groups.get(item.file) ?? []), item]);
  return [...groups];
}
