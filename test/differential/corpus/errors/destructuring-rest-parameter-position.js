// A rest pattern as a parameter that cannot destructure its argument: where the failure is placed
// (the first frame's line and column). Chromium 150 places it at the '...', Chromium 156 and the model
// at the pattern; node at the pattern too. Kept apart from destructuring-failure-positions.js so that
// only this case depends on the Chromium version.
function rest({ ...others }) {
  return others;
}
try {
  rest();
} catch (error) {
  const frame = /:(\d+:\d+)\)?$/.exec(error.stack.split('\n')[1]);
  console.log(`a rest parameter: ${error.message} at ${frame ? frame[1] : '?'}`);
}
