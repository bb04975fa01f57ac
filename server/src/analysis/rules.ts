// The rule catalogue: one entry per rule, with its descriptive name (`code`, what findings carry
// inside the analysis), its stable id (`LL1xxx` hoisting and TDZ, `LL2xxx` imports, `LL3xxx` leaks:
// the code users see in the editor, the CLI and SARIF), family and default severity.
// docs/rules/<id>.md documents each one; a test checks that every rule has its page.
import type { FindingKind, FindingSeverity } from './types';

export interface RuleInfo {
  code: string;
  id: string;
  kind: FindingKind;
  defaultSeverity: FindingSeverity;
  /** Off unless the user asks for style-level findings. */
  styleOnly?: boolean;
  title: string;
}

const rules: RuleInfo[] = [
  { code: 'tdz-read-before-init', id: 'LL1001', kind: 'tdz', defaultSeverity: 'error', title: 'Binding read in its temporal dead zone' },
  { code: 'tdz-call-before-init', id: 'LL1002', kind: 'tdz', defaultSeverity: 'error', title: 'Function called before a binding it reads is initialised' },
  { code: 'tdz-typeof', id: 'LL1003', kind: 'tdz', defaultSeverity: 'error', title: '`typeof` of a binding in its temporal dead zone' },
  { code: 'tdz-class-before-declaration', id: 'LL1004', kind: 'tdz', defaultSeverity: 'error', title: 'Class used (or extended) before its declaration' },
  { code: 'tdz-default-param', id: 'LL1005', kind: 'tdz', defaultSeverity: 'error', title: 'Default parameter reads a later parameter' },
  { code: 'tdz-switch-case', id: 'LL1006', kind: 'tdz', defaultSeverity: 'error', title: 'Lexical declaration of another `case` used in a `switch`' },
  { code: 'hoisting-var-read-before-assignment', id: 'LL1101', kind: 'hoisting', defaultSeverity: 'warning', title: '`var` read before it is assigned (prints undefined)' },
  { code: 'hoisting-call-before-assignment', id: 'LL1102', kind: 'hoisting', defaultSeverity: 'warning', title: 'Function expression called before it is assigned' },
  { code: 'hoisting-block-function', id: 'LL1103', kind: 'hoisting', defaultSeverity: 'warning', title: 'Block-level function declaration used outside its block' },
  { code: 'hoisting-var-redeclaration', id: 'LL1104', kind: 'hoisting', defaultSeverity: 'warning', title: '`var` redeclares a function or parameter' },
  { code: 'hoisting-loop-var-captured', id: 'LL1105', kind: 'hoisting', defaultSeverity: 'warning', title: '`var` loop variable captured by a callback that runs after the loop' },
  { code: 'hoisting-function-used-before-declaration', id: 'LL1201', kind: 'hoisting', defaultSeverity: 'information', styleOnly: true, title: 'Function used above its declaration (relies on hoisting)' },
  { code: 'circular-import-load-time', id: 'LL2001', kind: 'circular-import', defaultSeverity: 'error', title: 'Import cycle: binding read while its module is still loading' },
  { code: 'circular-import-partial-exports', id: 'LL2002', kind: 'circular-import', defaultSeverity: 'warning', title: 'Import cycle: CommonJS exports read while partially filled' },
  { code: 'circular-import-replaced-exports', id: 'LL2003', kind: 'circular-import', defaultSeverity: 'warning', title: 'Import cycle: module.exports replaced after a cyclic require' },
  { code: 'circular-import-top-level-await', id: 'LL2004', kind: 'circular-import', defaultSeverity: 'error', title: 'Import cycle: top-level await of a module that imports this one' },
  { code: 'circular-import-benign', id: 'LL2101', kind: 'circular-import', defaultSeverity: 'hint', styleOnly: true, title: 'Import cycle with no load-time read' },
  { code: 'leak-implicit-global', id: 'LL3001', kind: 'leak', defaultSeverity: 'warning', title: 'Assignment creates an implicit global' },
  { code: 'leak-global-assignment', id: 'LL3002', kind: 'leak', defaultSeverity: 'warning', title: 'Value stored on the global object' },
  { code: 'leak-closure-on-global', id: 'LL3003', kind: 'leak', defaultSeverity: 'warning', title: 'Closure stored on a global keeps its scope alive' },
  { code: 'leak-listener-repeated', id: 'LL3004', kind: 'leak', defaultSeverity: 'warning', title: 'Listener added repeatedly without removal' },
  { code: 'leak-interval-not-cleared', id: 'LL3005', kind: 'leak', defaultSeverity: 'warning', title: '`setInterval` never cleared' },
  { code: 'leak-timer-retains', id: 'LL3007', kind: 'leak', defaultSeverity: 'warning', title: 'Long timer in repeated code keeps a short-lived object alive' },
  { code: 'leak-growing-collection', id: 'LL3006', kind: 'leak', defaultSeverity: 'warning', title: 'Module-level collection that only grows' },
];

export const RULES: ReadonlyMap<string, RuleInfo> = new Map(rules.map((rule) => [rule.code, rule]));

/** Every rule, in catalogue order. */
export function allRules(): readonly RuleInfo[] {
  return rules;
}
