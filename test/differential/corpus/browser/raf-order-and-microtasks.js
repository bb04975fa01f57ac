// models: browser
requestAnimationFrame(() => {
  console.log('raf 1');
  Promise.resolve().then(() => console.log('micro after raf 1'));
});
requestAnimationFrame(() => console.log('raf 2'));
