// Directory listings for an EngineHost (EngineHost.listDirectory): the real entries of a directory
// inside the host's workspace roots, and nothing elsewhere. A program's path may climb out with
// `..` or pass through a symbolic link, so both the directory and the roots are compared by their
// real paths: a predicted `fs.readdir` sees the workspace, never the rest of the machine.

import { readdirSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';

/** Whether `realPath` is `realRoot` or below it. */
function isInside(realPath: string, realRoot: string): boolean {
  return realPath === realRoot || realPath.startsWith(realRoot.endsWith(sep) ? realRoot : `${realRoot}${sep}`);
}

/**
 * The entry names of `absolutePath` when it is a directory inside one of `roots` (after resolving
 * symbolic links), else undefined. Read-only; errors (missing, not a directory, no permission)
 * are undefined too.
 */
export function listWorkspaceDirectory(roots: readonly string[], absolutePath: string): string[] | undefined {
  try {
    const real = realpathSync(absolutePath);
    const inside = roots.some((root) => {
      try {
        return isInside(real, realpathSync(root));
      } catch {
        return false;
      }
    });
    return inside ? readdirSync(real) : undefined;
  } catch {
    return undefined;
  }
}
