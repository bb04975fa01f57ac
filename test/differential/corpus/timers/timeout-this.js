// models: node node-esm
setTimeout(function () {
  console.log(this === globalThis, typeof this, this && this.constructor && this.constructor.name);
}, 0);
