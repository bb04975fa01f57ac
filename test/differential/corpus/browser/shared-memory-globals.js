// WebAssembly and Atomics exist everywhere; SharedArrayBuffer only where the page is cross-origin isolated (Node: always).
console.log(typeof WebAssembly, typeof Atomics, typeof SharedArrayBuffer);
