// Host primitives for loading the other files of a module graph (see sandbox/modules.ts). They
// live apart from runner.ts so the module loader can grow without touching the event loops.
//
// `compileCommonJs(code, fileName)` compiles one CommonJS module body inside the run's QuickJS
// context, wrapped as Node's Module.wrap does, under its own file name: QuickJS stacks then name
// the right file and line, which an `eval` inside the sandbox could not do.

import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { MODULE_WRAPPER_PREFIX, SANDBOX_FILE_NAME } from '../sandbox/moduleProtocol';
import { installEsModuleLoader, refusedModuleError, type RefuseLargeModule } from './esmLoader';

// The wrapper has the same function name as the entry's, so V8's frame text matches.
export { MODULE_WRAPPER_PREFIX };

/** Adds the module primitives to the host object the sandbox receives. */
export function installModulePrimitives(vm: QuickJSContext, host: QuickJSHandle, refuseLargeModule: RefuseLargeModule): void {
  const compile = vm.newFunction('compileCommonJs', (codeHandle, fileNameHandle) => {
    const code = vm.getString(codeHandle);
    const fileName = vm.getString(fileNameHandle);
    // The sandbox's own chunks are compiled here too, outside the program's budgets.
    if (fileName !== SANDBOX_FILE_NAME && refuseLargeModule(fileName, code.length)) return { error: refusedModuleError(vm, fileName) };
    // The wrapper closes on a line of its own so a trailing line comment cannot swallow it.
    const result = vm.evalCode(`${MODULE_WRAPPER_PREFIX}${code}\n})`, fileName);
    if (result.error) {
      // A syntax error is the importer's exception, exactly as Node's require throws it.
      return { error: result.error };
    }
    return result.value;
  });
  vm.setProp(host, 'compileCommonJs', compile);
  compile.dispose();
  const loader = installEsModuleLoader(vm, refuseLargeModule);

  let wrappers = 0;
  /** Evaluates a small module that imports `file`; its namespace, or the error / the pending state. */
  const evaluateWrapper = (source: string): { namespace?: QuickJSHandle; error?: QuickJSHandle; pending?: boolean } => {
    wrappers += 1;
    // The `<looplens>` prefix keeps these frames out of user-visible stacks (sandbox/stacks.ts).
    const result = vm.evalCode(source, `<looplens>require-esm-${wrappers}`, { type: 'module' });
    if (result.error) return { error: result.error };
    const state = vm.getPromiseState(result.value);
    if (state.type === 'fulfilled') {
      if (state.notAPromise) return { namespace: result.value };
      result.value.dispose();
      return { namespace: state.value };
    }
    result.value.dispose();
    if (state.type === 'rejected') return { error: state.error };
    return { pending: true };
  };
  // Node 20.19+'s require() of an ES module: evaluated synchronously; the namespace, with
  // `__esModule: true` added when the module has a default export and no `__esModule` of its own;
  // ERR_REQUIRE_ASYNC_MODULE when the graph uses top-level await.
  const requireEsm = vm.newFunction('requireEsm', (fileHandle, parentHandle) => {
    const file = JSON.stringify(vm.getString(fileHandle));
    const parent = vm.getString(parentHandle);
    const { result: first, refused } = loader.withoutTopLevelAwait(() => evaluateWrapper(`import * as ns from ${file}; export { ns };`));
    if (refused && first.error) first.error.dispose();
    else if (first.error) return { error: first.error };
    if (refused || first.pending || !first.namespace) {
      first.namespace?.dispose();
      const message = `require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.\n  From ${parent} \n  Requiring ${JSON.parse(file)} `;
      const error = vm.evalCode(`Object.assign(new Error(${JSON.stringify(message)}), { code: 'ERR_REQUIRE_ASYNC_MODULE' })`, '<looplens>');
      return error.error ? { error: error.error } : { error: error.value };
    }
    const namespace = vm.getProp(first.namespace, 'ns');
    first.namespace.dispose();
    const flags = vm.evalCode('(ns) => "default" in ns && !("__esModule" in ns)', '<looplens>');
    if (flags.error) return namespace;
    const needsFlag = vm.callFunction(flags.value, vm.undefined, namespace);
    flags.value.dispose();
    const addFlag = !needsFlag.error && vm.dump(needsFlag.value) === true;
    if (needsFlag.error) needsFlag.error.dispose();
    else needsFlag.value.dispose();
    if (!addFlag) return namespace;
    namespace.dispose();
    const flagged = evaluateWrapper(`export * from ${file}; export { default } from ${file}; export const __esModule = true;`);
    if (flagged.error) return { error: flagged.error };
    return flagged.namespace ?? vm.undefined;
  });
  vm.setProp(host, 'requireEsm', requireEsm);
  requireEsm.dispose();
}
