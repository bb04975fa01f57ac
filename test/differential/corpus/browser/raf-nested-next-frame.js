// models: browser
// A frame callback requested inside a frame callback waits for the next frame.
requestAnimationFrame(() => {
  console.log('frame A');
  requestAnimationFrame(() => console.log('frame C (next frame)'));
});
requestAnimationFrame(() => console.log('frame B'));
