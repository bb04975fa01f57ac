// models: node node-esm node-legacy browser
function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timed out after ' + ms + ' ms')), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
withTimeout(new Promise((r) => setTimeout(() => r('quick'), 5)), 30).then(console.log, (e) => console.log(e.message));
withTimeout(new Promise((r) => setTimeout(() => r('slow'), 40)), 10).then(console.log, (e) => console.log(e.message));
