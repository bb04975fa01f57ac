// models: browser
// A top-level function declaration named document: Chromium throws the same SyntaxError as for
// let (QuickJS: a TypeError, cannot define variable).
console.log('a');
function document() {}
console.log(typeof document);
