console.log(typeof import.meta, typeof import.meta.url, import.meta.url.startsWith('file://'));
console.log(import.meta.url.endsWith('.mjs'));
