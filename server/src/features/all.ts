// Every feature function in one module, built to dist/test/features.js so that tests can drive the
// features in-process (without a connection), e.g. the feature fuzz in test/robustness. Not shipped.
export { buildCodeLenses } from './codeLens';
export { confirmFindings } from './confirm';
export { enabledKinds, findingsToCodeActions, findingsToDiagnostics } from './diagnostics';
export { buildHover, declarationHover } from './hover';
export { buildInlayHints } from './inlayHints';
export { DEFAULT_SETTINGS, normalizeSettings } from './settings';
export { scanSource } from './sourceScan';
export { TextDocument } from 'vscode-languageserver-textdocument';
