// models: node node-esm browser
try {
  try {
    JSON.parse('{bad json');
  } catch (inner) {
    throw new Error('config unreadable', { cause: inner });
  }
} catch (e) {
  console.log(e.message, '<-', e.cause.name);
}
