// Build-time patches that bring `readable-stream` 4.8 (Node 18.19's streams) to the behaviour of
// Node 20.20's streams where the two differ in ways a program can print. Each patch names the
// Node 20 behaviour it reproduces and is checked by a program in
// test/differential/corpus/node-lib/ that real node measures. A patch whose anchor text is no
// longer in the file fails the build, so a readable-stream upgrade cannot silently drop one.
//
// Used as an esbuild plugin by esbuild.mjs (the sandbox entry) and by the unit-test harness.

import { readFile } from 'node:fs/promises';

const PATCHES = [
  {
    file: 'lib/internal/streams/writable.js',
    why: "Node 20 defers 'finish' by one more tick after the last write callback (afterWrite calls finishMaybe with sync=true), and clears the pending-afterWrite flag",
    find: `function afterWrite(stream, state, count, cb) {
  const needDrain`,
    replace: `function afterWrite(stream, state, count, cb) {
  state.afterWritePending = false
  const needDrain`,
  },
  {
    file: 'lib/internal/streams/writable.js',
    why: 'see above',
    find: `  if (state.destroyed) {
    errorBuffer(state)
  }
  finishMaybe(stream, state)
}`,
    replace: `  if (state.destroyed) {
    errorBuffer(state)
  }
  if (state.ending) {
    finishMaybe(stream, state, true)
  }
}`,
  },
  {
    file: 'lib/internal/streams/writable.js',
    why: "Node 20 decides write()'s return value (and needDrain) after _write ran, so a synchronous callback frees the space first; an empty buffer never asks for 'drain'",
    find: `  // stream._write resets state.length
  const ret = state.length < state.highWaterMark
  // We must ensure that previous needDrain will not be reset to false.
  if (!ret) state.needDrain = true
  if (state.writing`,
    replace: `  if (state.writing`,
  },
  {
    file: 'lib/internal/streams/writable.js',
    why: 'see above',
    find: `    stream._write(chunk, encoding, state.onwrite)
    state.sync = false
  }

  // Return false if errored or destroyed in order to break
  // any synchronous while(stream.write(data)) loops.
  return ret && !state.errored && !state.destroyed`,
    replace: `    stream._write(chunk, encoding, state.onwrite)
    state.sync = false
  }
  const ret = state.length < state.highWaterMark || state.length === 0
  // We must ensure that previous needDrain will not be reset to false.
  if (!ret) state.needDrain = true

  // Return false if errored or destroyed in order to break
  // any synchronous while(stream.write(data)) loops.
  return ret && !state.errored && !state.destroyed`,
  },
  {
    file: 'lib/internal/streams/writable.js',
    why: 'Node 20 calls a write callback with null (not undefined) when the write succeeded',
    find: `  while (count-- > 0) {
    state.pendingcb--
    cb()
  }`,
    replace: `  while (count-- > 0) {
    state.pendingcb--
    cb(null)
  }`,
  },
  {
    file: 'lib/internal/streams/writable.js',
    why: "Node 20 skips the after-write tick for a synchronous write without callback when no 'drain' is due (in object mode it always takes the tick, as Node 20.20's flag test does)",
    find: `    if (sync) {
      // It is a common case that the callback passed to .write() is always
      // the same. In that case, we do not schedule a new nextTick(), but
      // rather just increase a counter, to improve performance and avoid
      // memory allocations.
      if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
        state.afterWriteTickInfo.count++
      } else {
        state.afterWriteTickInfo = {
          count: 1,
          cb,
          stream,
          state
        }
        process.nextTick(afterWriteTick, state.afterWriteTickInfo)
      }
    } else {`,
    replace: `    if (sync) {
      const needDrain = state.needDrain && state.length === 0
      const needTick = needDrain || state.objectMode || cb !== nop
      if (cb === nop) {
        if (!state.afterWritePending && needTick) {
          process.nextTick(afterWrite, stream, state, 1, cb)
          state.afterWritePending = true
        } else {
          state.pendingcb--
          if (state.ending) {
            finishMaybe(stream, state, true)
          }
        }
      } else if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
        state.afterWriteTickInfo.count++
      } else if (needTick) {
        state.afterWriteTickInfo = {
          count: 1,
          cb,
          stream,
          state
        }
        process.nextTick(afterWriteTick, state.afterWriteTickInfo)
        state.afterWritePending = true
      } else {
        state.pendingcb--
        if (state.ending) {
          finishMaybe(stream, state, true)
        }
      }
    } else {`,
  },
];

export const readableStreamPatches = {
  name: 'looplens-readable-stream-patches',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]readable-stream[\\/]lib[\\/].*\.js$/ }, async (args) => {
      const relative = args.path.replace(/\\/g, '/').replace(/^.*\/node_modules\/readable-stream\//, '');
      const patches = PATCHES.filter((patch) => patch.file === relative);
      if (patches.length === 0) return undefined;
      let contents = await readFile(args.path, 'utf8');
      for (const patch of patches) {
        if (!contents.includes(patch.find)) {
          return { errors: [{ text: `readable-stream patch no longer applies to ${relative}: ${patch.why}` }] };
        }
        contents = contents.replace(patch.find, patch.replace);
      }
      return { contents, loader: 'js' };
    });
  },
};
