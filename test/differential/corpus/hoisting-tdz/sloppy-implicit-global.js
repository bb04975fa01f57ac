// models: node browser
// In sloppy mode an assignment to an undeclared name creates a global (the seed's leak example).
function leaky() { accidental = 'oops'; }
leaky();
console.log(typeof accidental, globalThis.accidental);
