// The subset of the host primitives (see ../README.md) that Node's library needs. It is declared
// here, structurally, so this folder does not depend on the exact shape of the bootstrap's own
// declaration: any object with these members can drive the runtime, including the small fake
// host the unit tests use.

import type { LocalizableMessage } from '../../../syntax/message';

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  /** The path itself is a symbolic link (inside the workspace): its own size; the fields above describe its target. */
  symbolicLink?: { size: number };
}

export interface NodeHost {
  model: string;
  nextTick(fn: () => void): void;
  setImmediate(fn: () => void): number;
  clearImmediate(id: number): void;
  scheduleIO(fn: () => void, label: string): number;
  write(stream: 'stdout' | 'stderr', text: string): unknown;
  now(): number;
  /** Optional: the same clock without marking anything varying (for values that mark it when printed). */
  loopTime?(): number;
  hrtimeNs(): number;
  markVarying(what: string): void;
  note(text: string): void;
  unsupported(what: string, reason?: LocalizableMessage): void;
  fsRead(path: string): string | undefined;
  fsWrite(path: string, text: string): void;
  fsList(path: string): string[] | undefined;
  fsStat(path: string): FileStat | undefined;
  /** Optional: the path with its symbolic links resolved, as the host names module files; `path` when it cannot say. */
  fsRealPath?(path: string): string;
  exit(code: number): void;
  setExitCode(code: number): void;
  cwd: string;
  fileName: string;
  argv: string[];
  env: Record<string, string>;
  /** Optional: the process id the virtual machine reports; Node prints it in warnings. */
  pid?: number;
  /** Optional: deletes a file or directory of the in-memory layer (fs.unlink, fs.rm). */
  fsRemove?(path: string): boolean;
}

/** What the bootstrap passes in from the inspect helper (`../inspect.ts`). */
export interface InspectDeps {
  inspect: ((value: unknown, options?: Record<string, unknown>) => string) & { custom?: symbol };
  format: (...args: unknown[]) => string;
  /** Optional: builds the `console` object over the process' stdout/stderr writers. */
  createConsole?: (...args: any[]) => unknown;
}
