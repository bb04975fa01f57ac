// models: node node-esm node-legacy browser
setTimeout(() => {
  try {
    throw new TypeError('inside timer');
  } catch (e) {
    console.log('caught', e.name, e.message);
  }
}, 0);
setTimeout(() => console.log('next timer'), 0);
