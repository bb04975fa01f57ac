// models: node node-esm node-legacy browser
// From the seed (section 1): the recursive IIFE that builds four stack frames. It prints nothing.
(function foo(i) {
if (i === 3) {
return;
}
else {
foo(++i);
}
}(0));
