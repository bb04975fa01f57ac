// models: node node-esm
// nondeterministic
// (A 100 ms timeout created in the main script and a 100 ms interval created in a nextTick after the first console.log,
// with 0 and 1 ms timers and intervals created around them: Node sets up process.stdout on the first write, which took
// 5.6-37 ms on a loaded machine, so the interval falls due several milliseconds after the timeout, after the 1 ms
// intervals created meanwhile. 18 of 20 loaded runs printed orders the engine did not list; with the steady-speed runs
// that charge the first printed line (TimingAssumptions.work.firstLineMs) 13 of 20 (CJS) and 6 of 10 (ESM) are listed.)
// Found by test/differential/fuzz-stress.mjs (seed 20261128, program 94, plain and spun copies under load). First failing model: node.
const timers = [];
timers[0] = setTimeout(() => {
  console.log('L1');
  (async () => {
    console.log('L2');
    timers[1] = setTimeout(() => {
      console.log('L3');
      clearTimeout(timers[1]);
    }, 100);
    (async () => {
      console.log('L4');
      console.log('L5');
      Promise.reject(new Error('L6')).catch((error) => console.log('caught', error.message));
      await { then(resolve) { resolve(); } };
      console.log('L7');
      clearTimeout(timers[0]);
    })();
    await null;
    console.log('L8');
    console.log('L9');
    timers[2] = setTimeout(() => {
      console.log('L10');
      console.log('L11');
      console.log('L12');
    }, 100);
  })();
  setImmediate(() => {
    console.log('L13');
    timers[3] = setTimeout(() => {
      console.log('L14');
      Promise.reject(new Error('L15')).catch((error) => console.log('caught', error.message));
      clearTimeout(timers[2]);
    }, 100);
    {
      let runs4 = 0;
      const interval4 = setInterval(() => {
        runs4 += 1;
        console.log('L16', runs4);
        clearTimeout(timers[3]);
        console.log('L17');
        if (runs4 === 1) clearInterval(interval4);
      }, 1);
      timers[4] = interval4;
    }
    setImmediate(() => {
      console.log('L18');
      clearTimeout(timers[1]);
    });
  });
  Promise.resolve().then(() => {
    console.log('L19');
    clearTimeout(timers[3]);
    {
      let runs5 = 0;
      const interval5 = setInterval(() => {
        runs5 += 1;
        console.log('L20', runs5);
        Promise.reject(new Error('L21')).catch((error) => console.log('caught', error.message));
        console.log('L22');
        if (runs5 === 3) clearInterval(interval5);
      }, 1);
      timers[5] = interval5;
    }
    console.log('L23');
  }).then(() => {
    console.log('L24');
    Promise.resolve().then(() => {
      console.log('L25');
      console.log('L26');
    }).then(() => {
      console.log('L27');
      clearTimeout(timers[0]);
    });
    clearTimeout(timers[4]);
  });
}, 100);
process.nextTick(() => {
  console.log('L28');
  {
    let runs6 = 0;
    const interval6 = setInterval(() => {
      runs6 += 1;
      console.log('L29', runs6);
      console.log('L30');
      if (runs6 === 3) clearInterval(interval6);
    }, 100);
    timers[6] = interval6;
  }
  clearTimeout(timers[3]);
  timers[7] = setTimeout(() => {
    console.log('L31');
    Promise.resolve({
      then(resolve) {
        console.log('L32');
        clearTimeout(timers[1]);
        resolve();
      },
    }).then(() => {
      console.log('L33');
      console.log('L34');
    });
  }, 0);
});
setImmediate(() => {
  console.log('L35');
  (async () => {
    console.log('L36');
    clearTimeout(timers[3]);
    console.log('L37');
    await new Promise((resolve) => setTimeout(resolve, 0));
    console.log('L38');
    console.log('L39');
  })();
});
