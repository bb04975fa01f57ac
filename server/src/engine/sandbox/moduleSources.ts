// The code QuickJS evaluated for each file of the module graph other than the entry, so that stacks
// and error messages can be mapped back to those files as they are for the entry: positions in
// QuickJS stacks refer to the evaluated text, whose first line carries the CommonJS wrapper or
// the `import.meta` prologue (columns there must be shifted back), and V8's wording of some
// errors quotes the source text at the error's position.

export interface ModuleSource {
  /** The evaluated code's lines (line 1 includes the wrapper or prologue). */
  lines: string[];
  /** Columns the wrapper or prologue adds to line 1. */
  lineOneShift: number;
  /** An ES module (Node names it by its file URL in stacks and crash headers). */
  isModule: boolean;
}

type Loader = () => ModuleSource | undefined;

const sources = new Map<string, ModuleSource | Loader>();

/** Records a module's evaluated code (or how to get it when first needed). */
export function registerModuleSource(file: string, source: ModuleSource | Loader): void {
  sources.set(file, source);
}

/** The evaluated code of a file of the graph other than the entry, if the sandbox loaded it. */
export function moduleSourceOf(file: string): ModuleSource | undefined {
  const entry = sources.get(file);
  if (typeof entry !== 'function') return entry;
  const loaded = entry();
  if (loaded) sources.set(file, loaded);
  else sources.delete(file);
  return loaded;
}

/** Whether the sandbox already loaded this file as a module of the graph (an import() of it reads nothing). */
export function isModuleLoaded(file: string): boolean {
  return sources.has(file);
}

/** The files registered so far (the ES modules and CommonJS files of the graph), in load order. */
export function loadedModuleFiles(): string[] {
  return [...sources.keys()];
}

/** A QuickJS frame location `file:line:column` split into its parts. */
export function splitLocation(location: string): { file: string; line: number; column: number } | null {
  const match = /^(.*):(\d+):(\d+)$/.exec(location);
  return match ? { file: match[1], line: Number(match[2]), column: Number(match[3]) } : null;
}
