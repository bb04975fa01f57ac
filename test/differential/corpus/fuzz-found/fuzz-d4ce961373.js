// models: node
// nondeterministic
// (0 ms timers awaited by async functions inside promise jobs and timer callbacks race the immediates and two
// intervals: a loaded machine printed an order that needs a slow start, two millisecond splits between timer
// creations and a slow drain after a timers phase at once; a steady-speed run (TimingAssumptions.work) reaches it.)
// Found by test/differential/fuzz-stress.mjs (seed 20261127, program 377, plain or spun copies under load). First failing model: node.
const { EventEmitter } = require('events');
const timers = [];
Promise.resolve().then(() => {
  console.log('L1');
  (async () => {
    console.log('L2');
    console.log('L3');
    await new Promise((resolve) => setTimeout(resolve, 0));
    console.log('L4');
    try { throw new Error('L5'); } catch (error) { console.log('caught', error.message); }
    console.log('L6');
    {
      const emitter = new EventEmitter();
      emitter.once('L7', () => {
        console.log('L8');
        clearTimeout(undefined);
      });
      emitter.on('L7', () => {
        console.log('L9');
        console.log('L10');
        Promise.reject(new Error('L11')).catch((error) => console.log('caught', error.message));
        console.log('L12');
      });
      emitter.emit('L7');
      emitter.emit('L7');
      console.log('L13');
    }
  })();
});
Promise.reject(new Error('L14')).catch((error) => console.log('caught', error.message));
(async () => {
  console.log('L15');
  console.log('L16');
  process.nextTick(() => {
    console.log('L17');
    setImmediate(() => {
      console.log('L18');
      try { throw new Error('L19'); } catch (error) { console.log('caught', error.message); }
    });
    Promise.resolve({
      then(resolve) {
        console.log('L20');
        Promise.reject(new Error('L21')).catch((error) => console.log('caught', error.message));
        resolve();
      },
    }).then(() => {
      console.log('L22');
      Promise.reject(new Error('L23')).catch((error) => console.log('caught', error.message));
      clearTimeout(undefined);
    });
    console.log('L24');
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  console.log('L25');
  (async () => {
    console.log('L26');
    timers[0] = setTimeout(() => {
      console.log('L27');
      console.log('L28');
      console.log('L29');
    }, 100);
    await { then(resolve) { resolve(); } };
    console.log('L30');
    console.log('L31');
    {
      let runs1 = 0;
      const interval1 = setInterval(() => {
        runs1 += 1;
        console.log('L32', runs1);
        console.log('L33');
        clearTimeout(timers[0]);
        if (runs1 === 1) clearInterval(interval1);
      }, 1);
      timers[1] = interval1;
    }
  })();
  {
    let runs2 = 0;
    const interval2 = setInterval(() => {
      runs2 += 1;
      console.log('L34', runs2);
      clearTimeout(timers[0]);
      if (runs2 === 3) clearInterval(interval2);
    }, 100);
    timers[2] = interval2;
  }
  Promise.resolve().then(() => {
    console.log('L35');
    (async () => {
      console.log('L36');
      Promise.reject(new Error('L37')).catch((error) => console.log('caught', error.message));
      console.log('L38');
      console.log('L39');
      await new Promise((resolve) => setTimeout(resolve, 0));
      console.log('L40');
      console.log('L41');
      clearTimeout(timers[2]);
      try { throw new Error('L42'); } catch (error) { console.log('caught', error.message); }
    })();
  }).then(() => {
    console.log('L43');
    console.log('L44');
  });
})();
