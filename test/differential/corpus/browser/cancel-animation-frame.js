// models: browser
const id = requestAnimationFrame(() => console.log('cancelled'));
requestAnimationFrame(() => console.log('kept'));
cancelAnimationFrame(id);
