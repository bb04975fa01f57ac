// models: node node-esm browser
// A stack overflow passing through finally blocks on its way out of a deep recursion (each level
// restores its state) is still V8's RangeError where it is caught, and the finally blocks all ran.
let depth = 0;
function dive() {
  depth += 1;
  try {
    dive();
  } finally {
    depth -= 1;
  }
}
try {
  dive();
} catch (error) {
  console.log(error instanceof RangeError, error.constructor.name, error.message, depth);
}
async function sink() {
  try {
    return await deeper();
  } finally {
    depth += 0;
  }
}
function deeper() {
  try {
    return deeper();
  } finally {
    depth += 0;
  }
}
sink().catch((error) => console.log('async', error instanceof RangeError, error.message));
