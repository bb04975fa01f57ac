// Directory listings for an EngineHost (EngineHost.listDirectory): the real entries of a directory
// inside the host's workspace roots, and nothing elsewhere. A program's path may climb out with
// `..` or pass through a symbolic link, so both the directory and the roots are compared by their
// real paths: a predicted `fs.readdir` sees the workspace, never the rest of the machine. File
// reads (readWorkspaceFile) are confined the same way, so stat, readdir and readFile agree.

import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, parse, relative, resolve, sep } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { minimatch } from 'minimatch';
import { WORKSPACE_READ_LIMIT } from './sandbox/moduleProtocol';
import type { WorkspacePathStat } from './types';

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
    return reachable(roots, absolutePath, real) ? readdirSync(real) : undefined;
  } catch {
    return undefined;
  }
}

function insideRoots(roots: readonly string[], realPath: string): boolean {
  return roots.some((root) => {
    try {
      return isInside(realPath, realpathSync(root));
    } catch {
      return false;
    }
  });
}

/**
 * Whether `realPath`, what `absolutePath` leads to, may be described to a predicted program: it is
 * inside the roots, or inside a package folder linked from a node_modules folder (linkedPackage),
 * by the link's path or, once a link reached it, by its real path (rememberedLinks).
 */
function reachable(roots: readonly string[], absolutePath: string, realPath: string): boolean {
  if (insideRoots(roots, realPath)) return true;
  const linked = linkedPackage(roots, absolutePath);
  if (linked !== undefined && isInside(realPath, linked.folder)) {
    rememberLinkedPackage(linked);
    return true;
  }
  // By its real path only: the path names no link below the roots' own names (givenAncestors), as
  // a module's real path does. A path into the package through some other link stays refused.
  return canonicalPath(roots, absolutePath) === realPath && isInRememberedLinkedPackage(roots, realPath);
}

/**
 * The roots and the folders above them, each with its real path, deepest first: the names the host
 * gave (an editor's `/home/me/project` may be a link to `/data/project`), which module paths keep.
 */
function givenAncestors(roots: readonly string[]): { given: string; real: string }[] {
  const found: { given: string; real: string }[] = [];
  for (const root of roots) {
    for (let given = resolve(root); ; given = dirname(given)) {
      try {
        found.push({ given, real: realpathSync(given) });
      } catch {
        // A root that is gone names nothing.
      }
      if (given === parse(given).root) break;
    }
  }
  return found.sort((a, b) => b.given.length - a.given.length);
}

/** `absolutePath` with the deepest given ancestor that holds it (givenAncestors) replaced by its real path. */
function canonicalPath(roots: readonly string[], absolutePath: string): string {
  const path = resolve(absolutePath);
  const ancestor = givenAncestors(roots).find(({ given }) => isInside(path, given));
  return ancestor === undefined || ancestor.given === ancestor.real ? path : join(ancestor.real, relative(ancestor.given, path));
}

/**
 * The linked packages a path through their link has reached (linkedPackage), by real folder, with
 * the links that reached them. Real node names a linked package's modules by their real paths
 * (`__filename`, the folder `require('./util')` resolves from), so the prediction reads them by
 * those paths too; a real path counts only while one of its links still passes every check of
 * linkedPackage for the roots asked about (isInRememberedLinkedPackage). What may be read is the
 * same as through the link: the same folders, under the same rule, checked again at every read.
 */
const rememberedLinks = new Map<string, Set<string>>();
/** At most this many links are remembered per package folder (a program cannot grow the set without bound). */
const REMEMBERED_LINKS_PER_FOLDER = 16;

function rememberLinkedPackage({ folder, link }: { folder: string; link: string }): void {
  let links = rememberedLinks.get(folder);
  if (!links) rememberedLinks.set(folder, (links = new Set()));
  if (links.size < REMEMBERED_LINKS_PER_FOLDER) links.add(link);
}

/** Whether `realPath` is inside a linked package folder that one of its remembered links still reaches from `roots`. */
function isInRememberedLinkedPackage(roots: readonly string[], realPath: string): boolean {
  for (const [folder, links] of rememberedLinks) {
    if (!isInside(realPath, folder)) continue;
    for (const link of links) if (linkedPackage(roots, link)?.folder === folder) return true;
  }
  return false;
}

/**
 * The real folder of a linked package that `absolutePath` passes through, with the link (by the
 * real path of the node_modules folder holding it), else undefined. A
 * monorepo links its own packages into node_modules (`node_modules/lib -> ../../packages/lib`, npm,
 * yarn and pnpm workspaces), often to a folder outside the one opened; real node follows such a
 * link, and so does the prediction, read-only, under a narrow rule: the link is an entry of a real
 * node_modules folder (`node_modules/name` or `node_modules/@scope/name`) of a folder inside the
 * roots or above one (where node looks for packages), and it leads to a folder holding a
 * package.json whose name is the link's name, which is neither the file-system root, nor the home
 * folder, nor a folder above it, and which is a package of the workspace declared nearest above the
 * link (isDeclaredWorkspacePackage). Anything else a link leads to stays unreadable: `/etc`, the home
 * folder, a project whose package.json names another package, a sibling checkout that no workspace
 * around the link declares (server/src/engine/README.md).
 */
function linkedPackage(roots: readonly string[], absolutePath: string): { folder: string; link: string } | undefined {
  const parts = resolve(absolutePath).split(sep);
  for (let index = 1; index < parts.length - 1; index++) {
    if (parts[index] !== 'node_modules') continue;
    const name = parts[index + 1].startsWith('@') ? parts.slice(index + 1, index + 3) : [parts[index + 1]];
    if (name.length === 2 && index + 2 >= parts.length) continue;
    try {
      const holder = realpathSync(parts.slice(0, index).join(sep) || sep);
      if (!insideRoots(roots, holder) && !isAboveRoot(roots, holder)) continue;
      const nodeModules = join(holder, 'node_modules');
      if (!lstatSync(nodeModules).isDirectory() || (name.length === 2 && !lstatSync(join(nodeModules, name[0])).isDirectory())) continue;
      const link = join(nodeModules, ...name);
      if (!lstatSync(link).isSymbolicLink()) continue;
      const target = realpathSync(link);
      if (target === parse(target).root || isInside(realpathSync(homedir()), target)) continue;
      const manifest: unknown = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
      if (manifest === null || typeof manifest !== 'object' || (manifest as { name?: unknown }).name !== name.join('/')) continue;
      if (isDeclaredWorkspacePackage(holder, target)) return { folder: target, link };
    } catch {
      // A part that is missing, unreadable or not JSON: not a linked package.
    }
  }
  return undefined;
}

/**
 * The workspace package globs a folder declares, else undefined: package.json `workspaces` (npm and
 * yarn, a list or yarn's `{ packages }`), pnpm-workspace.yaml `packages`, lerna.json `packages`
 * (lerna's default is `packages/*`), rush.json `projects[].projectFolder` (each folder exactly, as a
 * glob that matches only itself). A declaration that cannot be read declares nothing, so a
 * malformed file never widens what a link may reach.
 */
function declaredWorkspaceGlobs(folder: string): string[] | undefined {
  const stringList = (value: unknown): string[] | undefined =>
    Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
  const fieldOf = (value: unknown, field: string): unknown => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[field] : undefined);
  const readIfPresent = (file: string, parse: (text: string) => unknown): unknown => {
    const path = join(folder, file);
    if (!existsSync(path)) return undefined;
    try {
      return parse(readFileSync(path, 'utf8'));
    } catch {
      return undefined;
    }
  };
  const workspaces = fieldOf(readIfPresent('package.json', JSON.parse), 'workspaces');
  const npmGlobs = stringList(workspaces) ?? stringList(fieldOf(workspaces, 'packages'));
  if (npmGlobs) return npmGlobs;
  const pnpmGlobs = stringList(fieldOf(readIfPresent('pnpm-workspace.yaml', (text) => loadYaml(text)), 'packages'));
  if (pnpmGlobs) return pnpmGlobs;
  const lerna = readIfPresent('lerna.json', JSON.parse);
  if (lerna !== undefined) return stringList(fieldOf(lerna, 'packages')) ?? (fieldOf(lerna, 'packages') === undefined ? ['packages/*'] : undefined);
  const rushProjects = fieldOf(readIfPresent('rush.json', (text) => JSON.parse(withoutJsonComments(text))), 'projects');
  if (!Array.isArray(rushProjects)) return undefined;
  const folders = rushProjects.map((project) => fieldOf(project, 'projectFolder'));
  // One project that is not a plain folder name makes the whole file unreadable, as a malformed one.
  if (!folders.every((folder): folder is string => typeof folder === 'string' && folder !== '' && !folder.startsWith('!'))) return undefined;
  return folders.map((folder) => minimatch.escape(folder));
}

/**
 * JSON with comments (rush.json's format: `//` and `/* *\/` comments, trailing commas) as JSON: each
 * comment becomes spaces and a comma before `]` or `}` goes; strings are left alone.
 */
function withoutJsonComments(text: string): string {
  const closing = /\s*[\]}]/y;
  let result = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      const start = index;
      for (index++; index < text.length && text[index] !== '"'; index++) if (text[index] === '\\') index++;
      result += text.slice(start, index + 1);
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index++;
      result += '\n';
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end < 0 ? text.length : end + 1;
      result += ' ';
    } else if (char === ',') {
      closing.lastIndex = index + 1;
      if (!closing.test(text)) result += char;
    } else {
      result += char;
    }
  }
  return result;
}

/**
 * Whether `realTarget`, the folder a node_modules link of `realHolder` leads to, is a package of the
 * workspace that holds the link: the nearest folder at or above `realHolder` that declares
 * workspaces (declaredWorkspaceGlobs) contains the target, and the target's path inside it matches
 * one of its globs and none of its `!` exclusions. This is what keeps a repository from reading a
 * sibling checkout on the same disk through a committed `node_modules/victim -> ../../victim`
 * (review rv9 #5): the repository cannot declare a workspace above itself, and one it declares
 * inside itself does not reach out of it. A workspace folder that is the file-system root, the home
 * folder or above it is no project, and the search stops there.
 */
function isDeclaredWorkspacePackage(realHolder: string, realTarget: string): boolean {
  const realHome = realpathSync(homedir());
  for (let folder = realHolder; folder !== parse(folder).root && !isInside(realHome, folder); folder = dirname(folder)) {
    const globs = declaredWorkspaceGlobs(folder);
    if (globs === undefined) continue;
    if (realTarget === folder || !isInside(realTarget, folder)) return false;
    const inside = relative(folder, realTarget).split(sep).join('/');
    const normalized = globs.map((glob) => glob.replace(/^(!?)(\.\/)+/, '$1').replace(/\/+$/, ''));
    const included = normalized.some((glob) => !glob.startsWith('!') && minimatch(inside, glob));
    return included && !normalized.some((glob) => glob.startsWith('!') && minimatch(inside, glob.slice(1)));
  }
  return false;
}

/** Whether `realFolder` is a folder above one of `roots` (by real path), where node looks for node_modules. */
function isAboveRoot(roots: readonly string[], realFolder: string): boolean {
  return roots.some((root) => {
    try {
      const realRoot = realpathSync(root);
      return realFolder !== realRoot && isInside(realRoot, realFolder);
    } catch {
      return false;
    }
  });
}

/** `absolutePath` with its folder's symbolic links resolved (the entry itself may be a link, or not exist). */
function inFolderPath(absolutePath: string): string {
  return join(realpathSync(dirname(absolutePath)), basename(absolutePath));
}

/**
 * Whether `absolutePath` lies in a folder inside one of `roots` (by the folder's real path), whether
 * or not the file exists on disk: an editor's unsaved document there counts as a workspace file.
 */
export function isInWorkspaceFolder(roots: readonly string[], absolutePath: string): boolean {
  try {
    return insideRoots(roots, inFolderPath(absolutePath));
  } catch {
    return false;
  }
}

/**
 * What fs.stat and fs.lstat see of `absolutePath` when the folder it is in lies inside one of
 * `roots` (by real path): the size in bytes of what it leads to (a binary file's too), and, for a
 * symbolic link, the link's own size. A link that leads outside the roots is reported as a link
 * whose target is missing, so nothing of the machine is described. Read-only; undefined otherwise.
 */
export function statWorkspacePath(roots: readonly string[], absolutePath: string): WorkspacePathStat | undefined {
  try {
    const path = inFolderPath(absolutePath);
    if (!reachable(roots, absolutePath, path)) return undefined;
    const own = lstatSync(path);
    const symbolicLink = own.isSymbolicLink() ? { size: own.size } : undefined;
    let target = own;
    if (symbolicLink) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        return { isFile: false, isDirectory: false, size: 0, symbolicLink };
      }
      if (!reachable(roots, absolutePath, real)) return { isFile: false, isDirectory: false, size: 0, symbolicLink };
      target = statSync(real);
    }
    return { isFile: target.isFile(), isDirectory: target.isDirectory(), size: target.isDirectory() ? 4096 : target.size, symbolicLink };
  } catch {
    return undefined;
  }
}

/**
 * The folder a predicted program's file-system view is confined to when no workspace folder holds
 * it: the nearest folder above the file that holds a package.json or a .git (its project), else the
 * file's own folder. Neither the file-system root nor the home folder is ever a project: a program
 * must not read or list the machine.
 */
export function projectRootOf(fileName: string): string {
  const own = dirname(resolve(fileName));
  const home = homedir();
  for (let folder = own; ; folder = dirname(folder)) {
    if (folder === parse(folder).root || folder === home) return own;
    if (existsSync(join(folder, 'package.json')) || existsSync(join(folder, '.git'))) return folder;
  }
}

/**
 * Whether real node would reach `realPath` above the roots while loading modules: a package in a
 * node_modules folder of a folder that holds a root (a hoisted install in a monorepo), or the
 * package.json of such a folder (which may give the module type). Nothing else above the roots.
 */
function isAncestorModuleFile(roots: readonly string[], realPath: string): boolean {
  return roots.some((root) => {
    let realRoot: string;
    try {
      realRoot = realpathSync(root);
    } catch {
      return false;
    }
    for (let folder = dirname(realRoot); ; folder = dirname(folder)) {
      if (realPath === join(folder, 'package.json') || isInside(realPath, join(folder, 'node_modules'))) return true;
      if (folder === parse(folder).root) return false;
    }
  });
}

/**
 * The real path of `absolutePath` when a predicted program may read it: a file inside one of
 * `roots` after resolving symbolic links, in a package linked from a node_modules folder
 * (linkedPackage), or a module file real node finds above them (isAncestorModuleFile). Undefined otherwise, as for a missing file: a predicted program must not
 * read the rest of the machine (`/etc/hostname`, `../secret`, a link leading out), and the sandbox
 * then notes that real node may find the path.
 */
function readableRealPath(roots: readonly string[], absolutePath: string): string | undefined {
  const real = realpathSync(absolutePath);
  return reachable(roots, absolutePath, real) || isAncestorModuleFile(roots, real) ? real : undefined;
}

/**
 * The path real node names the module file `absolutePath` by, when a predicted program may read it
 * (readableRealPath), else undefined: its real path, every symbolic link resolved, those above and
 * in the roots' own names too (an editor's `/home/me/project` that is a link to `/data/project`).
 * Node resolves the entry's real path as well (without --preserve-symlinks-main), so `__filename`,
 * module ids and stack frames all name `/data/project/...`; a linked package's modules have their
 * real paths, and a package reached through two links is one module. What may be read is decided
 * before (readableRealPath): naming a file by its real path reads nothing more.
 */
export function realWorkspacePath(roots: readonly string[], absolutePath: string): string | undefined {
  try {
    return readableRealPath(roots, absolutePath);
  } catch {
    return undefined;
  }
}

/**
 * `realPath` (a path realWorkspacePath gave) in the names the host gave the roots and the folders
 * above them (givenAncestors): what an editor that opened `/home/me/project`, a link to
 * `/data/project`, knows the file by. `realPath` itself when no given name differs. A host maps
 * paths back with this where it looks files up by its own names (the editor's open documents).
 */
export function givenWorkspacePath(roots: readonly string[], realPath: string): string {
  const ancestor = givenAncestors(roots)
    .filter(({ real }) => isInside(realPath, real))
    .sort((a, b) => b.real.length - a.real.length)[0];
  return ancestor === undefined || ancestor.given === ancestor.real ? realPath : join(ancestor.given, relative(ancestor.real, realPath));
}

/**
 * The text of `absolutePath` when a predicted program may read it (readableRealPath) and it is no
 * larger than `limit` (WORKSPACE_READ_LIMIT, checked before anything is read), else undefined.
 */
export function readWorkspaceFile(roots: readonly string[], absolutePath: string, limit = WORKSPACE_READ_LIMIT): string | undefined {
  try {
    const real = readableRealPath(roots, absolutePath);
    return real === undefined || statSync(real).size > limit ? undefined : readFileSync(real, 'utf8');
  } catch {
    return undefined;
  }
}

/** The bytes of `absolutePath` under the same rules as readWorkspaceFile, the size limit too (EngineHost.readBytes). */
export function readWorkspaceBytes(roots: readonly string[], absolutePath: string, limit = WORKSPACE_READ_LIMIT): Uint8Array | undefined {
  try {
    const real = readableRealPath(roots, absolutePath);
    return real === undefined || statSync(real).size > limit ? undefined : readFileSync(real);
  } catch {
    return undefined;
  }
}
