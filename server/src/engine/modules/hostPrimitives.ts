// Host primitives for loading the other files of a module graph (see sandbox/modules.ts). They
// live apart from runner.ts so the module loader can grow without touching the event loops.
//
// `compileCommonJs(code, fileName)` compiles one CommonJS module body inside the run's QuickJS
// context, wrapped as Node's Module.wrap does, under its own file name: QuickJS stacks then name
// the right file and line, which an `eval` inside the sandbox could not do.

import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { MAIN_WRAPPER_NAME } from '../sandbox/stacks';
import { installEsModuleLoader } from './esmLoader';

/** The wrapper around an imported CommonJS module; the same name as the entry's, so V8's frame text matches. */
export const MODULE_WRAPPER_PREFIX = `(function ${MAIN_WRAPPER_NAME}(exports, require, module, __filename, __dirname) { `;

/** Adds the module primitives to the host object the sandbox receives. */
export function installModulePrimitives(vm: QuickJSContext, host: QuickJSHandle): void {
  const compile = vm.newFunction('compileCommonJs', (codeHandle, fileNameHandle) => {
    const code = vm.getString(codeHandle);
    const fileName = vm.getString(fileNameHandle);
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
  installEsModuleLoader(vm);
}
