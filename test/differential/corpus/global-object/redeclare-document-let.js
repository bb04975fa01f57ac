// models: browser
// A top-level let naming an attribute of the window the page cannot delete (document) is a
// SyntaxError before anything runs, worded as Chromium words it.
console.log("a");
let document = 1;
console.log(document);
