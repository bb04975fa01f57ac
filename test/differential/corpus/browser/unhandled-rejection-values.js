// models: browser
// Unhandled rejections with values that are not errors: Chromium reports each as
// "Uncaught (in promise) ..." with the same rendering as a thrown value.
Promise.reject(42);
Promise.reject({ code: 'E_REJECTED', detail: 'plain object' });
Promise.reject(undefined);
Promise.reject(null);
Promise.reject([1, 2]);
Promise.reject(Symbol('why'));
Promise.reject(new Promise(() => {}));
(async () => {
  throw 'thrown in an async function';
})();
(async () => {
  await null;
  throw { stage: 'after await' };
})();
