// Node's `fs`, `fs/promises`, `fs.createReadStream`/`createWriteStream` over the host's virtual
// file system: reads fall through to the workspace (read-only), writes stay in memory. Sync
// calls complete at once; callbacks and promises complete in the poll phase (`host.scheduleIO`),
// one I/O completion per operation. Errors carry Node's text and fields
// (`ENOENT: no such file or directory, open 'x'`, errno, code, syscall, path).
import type { FileStat, NodeHost } from './host-contract';
import { invalidArgType } from './errors';
import { loadStream } from './stream';
import { READ_BYTES_SUFFIX, WORKSPACE_READ_LIMIT } from '../moduleProtocol';

const ERRNO: Record<string, [number, string]> = {
  ENOENT: [-2, 'no such file or directory'],
  EISDIR: [-21, 'illegal operation on a directory'],
  ENOTDIR: [-20, 'not a directory'],
  EEXIST: [-17, 'file already exists'],
  ENOTEMPTY: [-39, 'directory not empty'],
  EBADF: [-9, 'bad file descriptor'],
};

type Encoding = string | null | undefined;

export interface FsDeps {
  host: NodeHost;
  Buffer: any;
  cwd: () => string;
}

export function createFs(deps: FsDeps): { fs: any; promises: any } {
  const { host, Buffer } = deps;
  // Directories made and paths removed by the program; the host's layer holds file contents.
  const madeDirectories = new Set<string>();
  const removed = new Set<string>();
  // Files the program wrote, so listings include them whether or not the host lists its own writes.
  const writtenFiles = new Set<string>();
  // The exact bytes of files the program wrote that are not UTF-8 text (an image) or hold a NUL: the
  // host's layer keeps text, which cannot carry them (text crosses into it as a C string).
  const writtenBytes = new Map<string, any>();
  // Directories that exist whatever the host can tell: the entry file's and the working
  // directory's ancestors, and the temporary directory.
  const knownDirectories = new Set<string>(['/', '/tmp']);
  for (const start of [parentOf(normalize(host.fileName)), normalize(deps.cwd())]) {
    for (let directory = start; directory !== '/'; directory = parentOf(directory)) knownDirectories.add(directory);
  }

  function normalize(path: string): string {
    const parts: string[] = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    return `/${parts.join('/')}`;
  }
  /** The length of a string's UTF-8 encoding, without encoding it (a lone surrogate takes three bytes, as Node writes U+FFFD). */
  function utf8Length(text: string): number {
    if (!/[\u0080-\uffff]/.test(text)) return text.length;
    let length = text.length;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code < 0x80) continue;
      if (code < 0x800) length += 1;
      else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
        // A surrogate pair: four bytes for two code units.
        length += 2;
        index++;
      } else length += 2;
    }
    return length;
  }
  function toPathString(path: unknown, name = 'path'): string {
    if (typeof path === 'string') return path;
    if (Buffer.isBuffer(path)) return (path as { toString(): string }).toString();
    if (path && typeof path === 'object' && (path as { protocol?: string }).protocol === 'file:') {
      return decodeURIComponent((path as unknown as { pathname: string }).pathname);
    }
    throw invalidArgType(name, 'of type string or an instance of Buffer or URL', path);
  }
  function resolvePath(path: string): string {
    return normalize(path.startsWith('/') ? path : `${deps.cwd()}/${path}`);
  }
  function parentOf(absolute: string): string {
    const index = absolute.lastIndexOf('/');
    return index <= 0 ? '/' : absolute.slice(0, index);
  }

  function fsError(code: string, syscall: string, path: string, dest?: string, withStack = true): Error {
    const [errno, text] = ERRNO[code];
    const message = `${code}: ${text}, ${syscall} '${path}'${dest !== undefined ? ` -> '${dest}'` : ''}`;
    const error = new Error(message) as Error & Record<string, unknown>;
    error.errno = errno;
    error.code = code;
    error.syscall = syscall;
    error.path = path;
    if (dest !== undefined) error.dest = dest;
    // Errors of callback and promise APIs are made in libuv's thread, with no JavaScript frames:
    // Node prints them as `[Error: ENOENT: ...]`.
    if (!withStack) Object.defineProperty(error, 'stack', { value: `Error: ${message}`, writable: true, configurable: true });
    return error;
  }

  function statOf(absolute: string): FileStat | undefined {
    if (removed.has(absolute)) return undefined;
    for (const gone of removed) if (absolute.startsWith(`${gone}/`)) return undefined;
    if (madeDirectories.has(absolute)) return { isFile: false, isDirectory: true, size: 4096 };
    const stat = host.fsStat(absolute);
    const written = writtenBytes.get(absolute);
    if (stat && written) return { ...stat, size: written.length };
    if (stat) return stat;
    if (knownDirectories.has(absolute)) return { isFile: false, isDirectory: true, size: 4096 };
    return undefined;
  }
  /**
   * Whether `absolute` is a symbolic link to nothing LoopLens sees: a missing target, or one outside
   * the workspace (the host describes only the link then). Followed, it is missing.
   */
  function leadsOutOfView(absolute: string): boolean {
    const stat = statOf(absolute);
    return stat?.symbolicLink !== undefined && !stat.isFile && !stat.isDirectory;
  }
  function readText(absolute: string, path: string, syscall = 'open', withStack = true): string {
    const stat = statOf(absolute);
    if (!stat || leadsOutOfView(absolute)) {
      // The host reads only inside the workspace, as it stats and lists: say so for a path outside.
      noteOutsideWorkspace(absolute, syscall === 'open' ? 'fs.readFile' : `fs.${syscall}`, path);
      throw fsError('ENOENT', syscall, path, undefined, withStack);
    }
    if (stat.isDirectory) throw eisdir(withStack);
    if (stat.size > WORKSPACE_READ_LIMIT && !writtenFiles.has(absolute)) {
      // The host does not read a file this large (WORKSPACE_READ_LIMIT): stop, naming it, rather than predict with other content.
      host.unsupported(`reading '${path}', a file of ${stat.size} bytes (LoopLens reads files of up to ${WORKSPACE_READ_LIMIT / 1024 / 1024} MB)`);
      throw fsError('ENOENT', syscall, path, undefined, withStack);
    }
    const text = host.fsRead(absolute);
    if (text === undefined) throw fsError('ENOENT', syscall, path, undefined, withStack);
    return text;
  }
  /**
   * A file's content. The host's layer holds text, which is the content exactly when the file is
   * UTF-8; a file that is not (an image: its text has U+FFFD replacements, or a NUL byte cut the
   * text short, so the size on disk differs) is asked of the host again as bytes, and a file the
   * program wrote keeps its bytes here (writtenBytes). `text` is set when the text is the content,
   * so text files are read, appended and copied as strings; `bytes()` encodes only when asked.
   */
  function readContent(absolute: string, path: string, syscall = 'open', withStack = true): { text: string | undefined; bytes: () => any } {
    const text = readText(absolute, path, syscall, withStack);
    const written = writtenBytes.get(absolute);
    if (written) return { text: undefined, bytes: () => Buffer.from(written) };
    const asText = { text, bytes: () => Buffer.from(text, 'utf8') };
    if (writtenFiles.has(absolute)) return asText;
    const onDisk = statOf(absolute);
    if (!text.includes('\uFFFD') && (!onDisk || onDisk.size === utf8Length(text))) return asText;
    const encoded = host.fsRead(`${absolute}${READ_BYTES_SUFFIX}`);
    if (encoded === undefined) return asText;
    const bytes = Buffer.from(encoded, 'base64');
    return { text: undefined, bytes: () => Buffer.from(bytes) };
  }
  /** Writes bytes to the host's layer as text, keeping the exact bytes when the text cannot carry them (readContent). */
  function storeContent(absolute: string, bytes: any): void {
    const text: string = bytes.toString('utf8');
    storeText(absolute, text);
    if (text.includes('\u0000') || (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes))) writtenBytes.set(absolute, Buffer.from(bytes));
  }
  /** Writes text to the host's layer (its UTF-8 bytes are the file's content). */
  function storeText(absolute: string, text: string): void {
    writtenBytes.delete(absolute);
    removed.delete(absolute);
    writtenFiles.add(absolute);
    host.fsWrite(absolute, text);
  }
  /** Appends to a file's content, as strings when both sides are text that the host's layer can carry. */
  function appendContent(absolute: string, previous: ReturnType<typeof readContent> | undefined, data: string | any): void {
    const added = typeof data === 'string' ? data : undefined;
    if (added !== undefined && !added.includes('\u0000') && (!previous || previous.text !== undefined)) {
      storeText(absolute, (previous?.text ?? '') + added);
      return;
    }
    const bytes = added !== undefined ? Buffer.from(added, 'utf8') : data;
    storeContent(absolute, previous ? Buffer.concat([previous.bytes(), bytes]) : bytes);
  }
  function eisdir(withStack: boolean): Error {
    // Node's message for reading a directory has no path: `EISDIR: illegal operation on a directory, read`.
    const error = new Error('EISDIR: illegal operation on a directory, read') as Error & Record<string, unknown>;
    Object.assign(error, { errno: -21, code: 'EISDIR', syscall: 'read' });
    if (!withStack) Object.defineProperty(error, 'stack', { value: `Error: ${error.message}`, writable: true, configurable: true });
    return error;
  }
  function encodingOf(options: unknown): Encoding {
    if (typeof options === 'string') return options;
    if (options && typeof options === 'object') return (options as { encoding?: Encoding }).encoding;
    return undefined;
  }
  function flagOf(options: unknown, fallback: string): string {
    return options && typeof options === 'object' && (options as { flag?: string }).flag ? String((options as { flag?: string }).flag) : fallback;
  }
  function isUtf8(encoding: Encoding): boolean {
    return typeof encoding === 'string' && /^utf-?8$/i.test(encoding);
  }
  function dataToBytes(data: unknown, encoding: Encoding): any {
    if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
    if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }

  function readFileSyncImpl(path: unknown, options: unknown, withStack: boolean): unknown {
    const { bytes, text } = readContent(resolvePath(toPathString(path)), toPathString(path), 'open', withStack);
    const encoding = encodingOf(options);
    // A UTF-8 file's text is already its decoding.
    if (text !== undefined && isUtf8(encoding)) return text;
    return encoding ? bytes().toString(encoding) : bytes();
  }
  function writeFileSyncImpl(path: unknown, data: unknown, options: unknown, append: boolean, withStack: boolean): void {
    const given = toPathString(path);
    const absolute = resolvePath(given);
    const parent = statOf(parentOf(absolute));
    if (!parent || !parent.isDirectory) throw fsError('ENOENT', 'open', given, undefined, withStack);
    const existing = statOf(absolute);
    if (existing?.isDirectory) throw fsError('EISDIR', 'open', given, undefined, withStack);
    const flag = flagOf(options, append ? 'a' : 'w');
    if (flag.includes('x') && existing) throw fsError('EEXIST', 'open', given, undefined, withStack);
    const encoding = encodingOf(options);
    const previous = flag.startsWith('a') && existing ? readContent(absolute, given, 'open', withStack) : undefined;
    appendContent(absolute, previous, typeof data === 'string' && (!encoding || isUtf8(encoding)) ? data : dataToBytes(data, encoding));
  }
  function readdirSyncImpl(path: unknown, options: unknown, withStack: boolean): unknown[] {
    const given = toPathString(path);
    const absolute = resolvePath(given);
    const stat = statOf(absolute);
    if (!stat) throw fsError('ENOENT', 'scandir', given, undefined, withStack);
    if (!stat.isDirectory) throw fsError('ENOTDIR', 'scandir', given, undefined, withStack);
    const withFileTypes = Boolean(options && typeof options === 'object' && (options as { withFileTypes?: boolean }).withFileTypes);
    const recursive = Boolean(options && typeof options === 'object' && (options as { recursive?: boolean }).recursive);
    const listed = listDirectory(absolute, given);
    if (!recursive) return withFileTypes ? listed.map((name) => makeDirent(name, absolute, given)) : listed;
    // Node 20 walks breadth first: the directory's entries, then each subdirectory's in the order
    // they were listed (measured), names relative to the directory listed; with withFileTypes each
    // Dirent's path is the directory it is in, spelled from the path given.
    const results: unknown[] = [];
    const queue: string[] = [''];
    while (queue.length > 0) {
      const relative = queue.shift()!;
      const directory = relative === '' ? absolute : `${absolute === '/' ? '' : absolute}/${relative}`;
      const names = relative === '' ? listed : listDirectory(directory, joinGiven(given, relative));
      for (const name of names) {
        const entry = relative === '' ? name : `${relative}/${name}`;
        results.push(withFileTypes ? makeDirent(name, directory, relative === '' ? given : joinGiven(given, relative)) : entry);
        // Listing names follows links to directories; listing Dirents does not (measured, Node 20.20.2).
        const stat = statOf(`${directory === '/' ? '' : directory}/${name}`);
        if (stat?.isDirectory && !(withFileTypes && stat.symbolicLink)) queue.push(entry);
      }
    }
    return results;
  }
  /** `path.join(given, relative)`: the parts normalized, `..` kept where nothing is above. */
  function joinGiven(given: string, relative: string): string {
    const parts: string[] = [];
    for (const part of `${given}/${relative}`.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else parts.push(part);
    }
    return `${given.startsWith('/') ? '/' : ''}${parts.join('/')}`;
  }
  /** The names in a directory that exists: the host's (inside the workspace) and what the program made there. */
  function listDirectory(absolute: string, given: string): string[] {
    const hostNames = host.fsList(absolute);
    // The host lists only directories inside the workspace (EngineHost.listDirectory): elsewhere
    // the prediction sees only what the program made, which the real listing may exceed.
    if (hostNames === undefined && !madeDirectories.has(absolute)) {
      host.note(`fs.readdir('${given}'): LoopLens lists only directories inside the workspace; elsewhere it sees only the files the program wrote, so the real listing may have more entries.`);
    }
    const names = new Set(hostNames ?? []);
    for (const made of [...madeDirectories, ...writtenFiles]) if (parentOf(made) === absolute) names.add(made.slice(absolute.length + (absolute === '/' ? 0 : 1)));
    // Node lists in the file system's order; sorted is the common case on the machines people use.
    return [...names].filter((name) => statOf(`${absolute === '/' ? '' : absolute}/${name}`)).sort();
  }
  /**
   * Node 20.20.2's Dirent: own `name`, `parentPath` and `path`, the entry's type under Symbol(type)
   * (libuv's 1 file, 2 directory, 3 link; measured: `Dirent { name: 'x.txt', parentPath: 'a',
   * path: 'a', [Symbol(type)]: 1 }`) and the type tests on the prototype. The type is the entry's
   * own (lstat): a link is only a link.
   */
  const direntType = Symbol('type');
  class Dirent {
    name: string;
    parentPath: string;
    path: string;
    [direntType]: number;
    constructor(name: string, parentPath: string, type: number) {
      this.name = name;
      this.parentPath = parentPath;
      this.path = parentPath;
      this[direntType] = type;
    }
    isFile() {
      return this[direntType] === 1;
    }
    isDirectory() {
      return this[direntType] === 2;
    }
    isSymbolicLink() {
      return this[direntType] === 3;
    }
    isFIFO() {
      return false;
    }
    isSocket() {
      return false;
    }
    isBlockDevice() {
      return false;
    }
    isCharacterDevice() {
      return false;
    }
  }
  Object.defineProperty(Dirent, 'name', { value: 'Dirent', configurable: true });
  function makeDirent(name: string, parent: string, shownParent: string): unknown {
    const stat = statOf(`${parent === '/' ? '' : parent}/${name}`);
    const type = stat?.symbolicLink ? 3 : stat?.isDirectory ? 2 : stat?.isFile ? 1 : 0;
    return new Dirent(name, shownParent, type);
  }
  function statSyncImpl(path: unknown, options: unknown, withStack: boolean, syscall = 'stat'): unknown {
    const given = toPathString(path);
    const absolute = resolvePath(given);
    let stat = statOf(absolute);
    // stat follows a symbolic link: one whose target is missing (or outside the workspace, which
    // LoopLens does not look at) is missing; lstat describes the link itself.
    if (stat?.symbolicLink && syscall !== 'lstat' && !stat.isFile && !stat.isDirectory) stat = undefined;
    if (!stat) {
      noteOutsideWorkspace(absolute, `fs.${syscall}`, given);
      if (options && typeof options === 'object' && (options as { throwIfNoEntry?: boolean }).throwIfNoEntry === false) return undefined;
      throw fsError('ENOENT', syscall, given, undefined, withStack);
    }
    if (syscall === 'lstat' && stat.symbolicLink) return makeStats({ isFile: false, isDirectory: false, size: stat.symbolicLink.size }, true);
    return makeStats(stat);
  }
  /**
   * A path found missing where LoopLens cannot look: outside the workspace (the host lists and stats
   * only inside it, so as not to describe the machine), real node may find it.
   */
  function noteOutsideWorkspace(absolute: string, call: string, given: string): void {
    // Outside too: a path through (or at) a symbolic link whose target LoopLens does not see.
    for (let directory = absolute; !leadsOutOfView(directory); directory = parentOf(directory)) {
      if (directory !== absolute && (host.fsList(directory) !== undefined || madeDirectories.has(directory))) return;
      if (directory === '/') break;
    }
    host.note(`${call}('${given}'): LoopLens looks only inside the workspace; there every path counts as missing, so real node may find this one.`);
  }
  function makeStats(stat: FileStat, symbolicLink = false): unknown {
    host.markVarying('fs.Stats times');
    const time = new Date(0);
    class Stats {
      dev = 2049;
      mode = symbolicLink ? 0o120777 : stat.isDirectory ? 0o40755 : 0o100644;
      nlink = 1;
      uid = 1000;
      gid = 1000;
      rdev = 0;
      blksize = 4096;
      ino = 0;
      size = stat.size;
      blocks = Math.ceil(stat.size / 512);
      atimeMs = 0;
      mtimeMs = 0;
      ctimeMs = 0;
      birthtimeMs = 0;
      atime = time;
      mtime = time;
      ctime = time;
      birthtime = time;
      isFile() {
        return stat.isFile;
      }
      isDirectory() {
        return stat.isDirectory;
      }
      isSymbolicLink() {
        return symbolicLink;
      }
      isFIFO() {
        return false;
      }
      isSocket() {
        return false;
      }
      isBlockDevice() {
        return false;
      }
      isCharacterDevice() {
        return false;
      }
    }
    Object.defineProperty(Stats, 'name', { value: 'Stats', configurable: true });
    return new Stats();
  }
  function mkdirSyncImpl(path: unknown, options: unknown, withStack: boolean): string | undefined {
    const given = toPathString(path);
    const absolute = resolvePath(given);
    const recursive = Boolean(options && typeof options === 'object' && (options as { recursive?: boolean }).recursive);
    const existing = statOf(absolute);
    if (existing) {
      if (recursive && existing.isDirectory) return undefined;
      throw fsError('EEXIST', 'mkdir', given, undefined, withStack);
    }
    if (!recursive) {
      if (!statOf(parentOf(absolute))) throw fsError('ENOENT', 'mkdir', given, undefined, withStack);
      madeDirectories.add(absolute);
      removed.delete(absolute);
      return undefined;
    }
    // Node returns the first directory it created, spelled as the caller spelled the path.
    const parts = given.split('/');
    let first: string | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (prefix === '' || prefix === '.' || prefix === '..') continue;
      const prefixAbsolute = resolvePath(prefix);
      const stat = statOf(prefixAbsolute);
      if (stat && !stat.isDirectory) throw fsError('ENOTDIR', 'mkdir', given, undefined, withStack);
      if (!stat) {
        first ??= prefix.replace(/\/+$/, '');
        madeDirectories.add(prefixAbsolute);
        removed.delete(prefixAbsolute);
      }
    }
    return first;
  }
  function removeSyncImpl(path: unknown, syscall: 'unlink' | 'rmdir' | 'rm', options: unknown, withStack: boolean): void {
    const given = toPathString(path);
    const absolute = resolvePath(given);
    const stat = statOf(absolute);
    const force = Boolean(options && typeof options === 'object' && (options as { force?: boolean }).force);
    if (!stat) {
      if (force) return;
      throw fsError('ENOENT', syscall === 'rm' ? 'lstat' : syscall, given, undefined, withStack);
    }
    if (syscall === 'unlink' && stat.isDirectory) throw fsError('EISDIR', 'unlink', given, undefined, withStack);
    if (syscall === 'rmdir' && !stat.isDirectory) throw fsError('ENOTDIR', 'rmdir', given, undefined, withStack);
    madeDirectories.delete(absolute);
    writtenFiles.delete(absolute);
    writtenBytes.delete(absolute);
    host.fsRemove?.(absolute);
    removed.add(absolute);
  }
  function renameSyncImpl(from: unknown, to: unknown, withStack: boolean): void {
    const source = toPathString(from, 'oldPath');
    const target = toPathString(to, 'newPath');
    const content = (() => {
      try {
        return readContent(resolvePath(source), source, 'rename', withStack);
      } catch {
        throw fsError('ENOENT', 'rename', source, target, withStack);
      }
    })();
    writeFileSyncImpl(target, content.text ?? content.bytes(), undefined, false, withStack);
    removeSyncImpl(source, 'unlink', undefined, withStack);
  }
  function copyFileSyncImpl(from: unknown, to: unknown, withStack: boolean): void {
    const source = toPathString(from, 'src');
    const target = toPathString(to, 'dest');
    let content: ReturnType<typeof readContent>;
    try {
      content = readContent(resolvePath(source), source, 'copyfile', withStack);
    } catch {
      throw fsError('ENOENT', 'copyfile', source, target, withStack);
    }
    writeFileSyncImpl(target, content.text ?? content.bytes(), undefined, false, withStack);
  }

  // Each operation: a sync form, a callback form completing in the poll phase, a promise form.
  // `steps`: how many thread-pool round trips Node's implementation makes on success (readFile:
  // open, fstat, read, close; writeFile: open, write, close); each completes in its own poll phase,
  // which is why a failing readFile (one failed open) calls back before a succeeding one.
  const operations: Record<string, { sync: (withStack: boolean, ...args: any[]) => unknown; arity: number; steps?: number }> = {
    readFile: { sync: (w, path, options) => readFileSyncImpl(path, options, w), arity: 2, steps: 4 },
    writeFile: { sync: (w, path, data, options) => writeFileSyncImpl(path, data, options, false, w), arity: 3, steps: 3 },
    appendFile: { sync: (w, path, data, options) => writeFileSyncImpl(path, data, options, true, w), arity: 3, steps: 3 },
    readdir: { sync: (w, path, options) => readdirSyncImpl(path, options, w), arity: 2 },
    stat: { sync: (w, path, options) => statSyncImpl(path, options, w), arity: 2 },
    lstat: { sync: (w, path, options) => statSyncImpl(path, options, w, 'lstat'), arity: 2 },
    mkdir: { sync: (w, path, options) => mkdirSyncImpl(path, options, w), arity: 2 },
    unlink: { sync: (w, path) => removeSyncImpl(path, 'unlink', undefined, w), arity: 1 },
    rmdir: { sync: (w, path, options) => removeSyncImpl(path, 'rmdir', options, w), arity: 2 },
    rm: { sync: (w, path, options) => removeSyncImpl(path, 'rm', options, w), arity: 2 },
    rename: { sync: (w, from, to) => renameSyncImpl(from, to, w), arity: 2 },
    copyFile: { sync: (w, from, to) => copyFileSyncImpl(from, to, w), arity: 2 },
    access: {
      sync: (w, path) => {
        const given = toPathString(path);
        if (!statOf(resolvePath(given))) throw fsError('ENOENT', 'access', given, undefined, w);
      },
      arity: 2,
    },
  };

  /** Runs `done` after `count` more I/O completions. */
  function afterSteps(count: number, label: string, done: () => void): void {
    if (count <= 0) done();
    else host.scheduleIO(() => afterSteps(count - 1, label, done), label);
  }

  const fs: any = {};
  const promises: any = {};
  for (const [name, operation] of Object.entries(operations)) {
    fs[`${name}Sync`] = { [`${name}Sync`]: (...args: unknown[]) => operation.sync(true, ...args) }[`${name}Sync`];
    fs[name] = {
      [name]: (...args: unknown[]) => {
        const callback = args.pop();
        if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
        host.scheduleIO(() => {
          let result: unknown;
          try {
            result = operation.sync(false, ...args);
          } catch (error) {
            callback(error);
            return;
          }
          afterSteps((operation.steps ?? 1) - 1, `fs.${name}`, () => {
            if (result === undefined) callback(null);
            else callback(null, result);
          });
        }, `fs.${name}`);
      },
    }[name];
    promises[name] = {
      [name]: (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          host.scheduleIO(() => {
            let result: unknown;
            try {
              result = operation.sync(false, ...args);
            } catch (error) {
              reject(error);
              return;
            }
            afterSteps((operation.steps ?? 1) - 1, `fs.promises.${name}`, () => resolve(result));
          }, `fs.promises.${name}`);
        }),
    }[name];
  }
  /**
   * fs.realpathSync: the path with its symbolic links resolved, as the host names a module file (a
   * linked package's real folder); a file or folder the program made is its own path. Node's
   * JavaScript realpath stats the path part by part, so a missing path fails at its first missing
   * part (`lstat '/project/missing'`); the native one (realpathSync.native, fs.promises.realpath)
   * at the path given (`realpath 'missing'`; measured in Node 20).
   */
  function realpathSyncImpl(path: unknown, options: unknown, native: boolean, withStack: boolean): unknown {
    const given = toPathString(path);
    const absolute = resolvePath(given);
    // A link whose target is outside the workspace is, as LoopLens sees it, a link to a missing
    // target (as for readFileSync and statSync of it): not found.
    if (!statOf(absolute) || leadsOutOfView(absolute)) {
      noteOutsideWorkspace(absolute, native ? 'fs.realpathSync.native' : 'fs.realpathSync', given);
      if (native) throw fsError('ENOENT', 'realpath', given, undefined, withStack);
      let missing = absolute;
      while (parentOf(missing) !== missing && parentOf(missing) !== '/' && !statOf(parentOf(missing))) missing = parentOf(missing);
      // The parts before it are resolved already: their real folder, then the missing name.
      const parent = parentOf(missing);
      const realParent = statOf(parent) ? realOf(parent) : parent;
      throw fsError('ENOENT', 'lstat', `${realParent === '/' ? '' : realParent}/${missing.slice(parent.length + (parent === '/' ? 0 : 1))}`, undefined, withStack);
    }
    const real = realOf(absolute);
    const encoding = typeof options === 'string' ? options : options !== null && typeof options === 'object' ? (options as { encoding?: unknown }).encoding : undefined;
    return encoding === 'buffer' ? Buffer.from(real) : real;
  }
  function realOf(absolute: string): string {
    return writtenFiles.has(absolute) || madeDirectories.has(absolute) ? absolute : host.fsRealPath?.(absolute) ?? absolute;
  }
  fs.realpathSync = function realpathSync(path: unknown, options?: unknown) {
    return realpathSyncImpl(path, options, false, true);
  };
  fs.realpathSync.native = function realpathSync(path: unknown, options?: unknown) {
    return realpathSyncImpl(path, options, true, true);
  };
  // One request to the thread pool, completing in the next poll phase (the callback fs.realpath,
  // which stats part by part, stays unsupported: how many poll phases it takes is not modelled).
  promises.realpath = function realpath(path: unknown, options?: unknown) {
    return new Promise((resolve, reject) => {
      host.scheduleIO(() => {
        try {
          resolve(realpathSyncImpl(path, options, true, false));
        } catch (error) {
          reject(error);
        }
      }, 'fs.promises.realpath');
    });
  };
  fs.existsSync = (path: unknown) => {
    try {
      const absolute = resolvePath(toPathString(path));
      const stat = statOf(absolute);
      if (!stat) noteOutsideWorkspace(absolute, 'fs.existsSync', toPathString(path));
      // A link whose target is missing does not exist for existsSync (it follows links).
      return Boolean(stat && (stat.isFile || stat.isDirectory));
    } catch {
      return false;
    }
  };
  fs.exists = (path: unknown, callback: (exists: boolean) => void) => {
    if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
    host.scheduleIO(() => callback(fs.existsSync(path)), 'fs.exists');
  };
  fs.constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, COPYFILE_EXCL: 1, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2 };
  fs.Dirent = Dirent;
  promises.constants = fs.constants;
  fs.promises = promises;
  let nextFd = 20;

  // File descriptors: open/read/write/close on the same virtual files. Contents are kept as text
  // by the host, so a descriptor reads and writes the UTF-8 bytes of that text.
  const descriptors = new Map<number, { path: string; absolute: string; position: number; append: boolean; writable: boolean; readable: boolean }>();
  function descriptor(fd: unknown, syscall: string, withStack: boolean) {
    const entry = typeof fd === 'number' ? descriptors.get(fd) : undefined;
    if (!entry) {
      const error = new Error(`EBADF: bad file descriptor, ${syscall}`) as Error & Record<string, unknown>;
      Object.assign(error, { errno: -9, code: 'EBADF', syscall });
      if (!withStack) Object.defineProperty(error, 'stack', { value: `Error: ${error.message}`, writable: true, configurable: true });
      throw error;
    }
    return entry;
  }
  function openImpl(withStack: boolean, path: unknown, flags: unknown = 'r'): number {
    const given = toPathString(path);
    const absolute = resolvePath(given);
    const flag = typeof flags === 'string' ? flags : 'r';
    const existing = statOf(absolute);
    if (flag.startsWith('r')) {
      if (!existing) throw fsError('ENOENT', 'open', given, undefined, withStack);
    } else {
      const parent = statOf(parentOf(absolute));
      if (!parent || !parent.isDirectory) throw fsError('ENOENT', 'open', given, undefined, withStack);
      if (flag.includes('x') && existing) throw fsError('EEXIST', 'open', given, undefined, withStack);
      if (existing?.isDirectory) throw fsError('EISDIR', 'open', given, undefined, withStack);
      if (flag.startsWith('w') || !existing) storeContent(absolute, Buffer.alloc(0));
    }
    const fd = nextFd++;
    descriptors.set(fd, { path: given, absolute, position: 0, append: flag.startsWith('a'), writable: flag !== 'r', readable: flag.startsWith('r') || flag.includes('+') });
    return fd;
  }
  function readImpl(withStack: boolean, fd: unknown, buffer: any, offsetOrOptions?: any, length?: number, position?: number | null): number {
    const entry = descriptor(fd, 'read', withStack);
    let offset = offsetOrOptions;
    if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') ({ offset, length, position } = offsetOrOptions);
    offset ??= 0;
    length ??= buffer.byteLength - offset;
    const content = contentOfDescriptor(entry);
    const from = typeof position === 'number' && position >= 0 ? position : entry.position;
    const slice = content.subarray(from, from + (length as number));
    buffer.set(slice, offset);
    if (!(typeof position === 'number' && position >= 0)) entry.position += slice.length;
    return slice.length;
  }
  function writeImpl(withStack: boolean, fd: unknown, data: any, offsetOrPosition?: any, lengthOrEncoding?: any, position?: number | null): number {
    const entry = descriptor(fd, 'write', withStack);
    let bytes: any;
    if (typeof data === 'string') {
      bytes = Buffer.from(data, typeof lengthOrEncoding === 'string' ? lengthOrEncoding : 'utf8');
      position = typeof offsetOrPosition === 'number' ? offsetOrPosition : null;
    } else {
      const offset = typeof offsetOrPosition === 'number' ? offsetOrPosition : 0;
      const length = typeof lengthOrEncoding === 'number' ? lengthOrEncoding : data.byteLength - offset;
      bytes = Buffer.from(data.buffer, data.byteOffset + offset, length);
    }
    const content = contentOfDescriptor(entry);
    const at = entry.append ? content.length : typeof position === 'number' && position >= 0 ? position : entry.position;
    const end = Math.max(content.length, at + bytes.length);
    const next = Buffer.alloc(end);
    content.copy(next, 0);
    bytes.copy(next, at);
    storeContent(entry.absolute, next);
    if (!(typeof position === 'number' && position >= 0) || entry.append) entry.position = at + bytes.length;
    return bytes.length;
  }
  /** The bytes of an open file (empty when it is gone). */
  function contentOfDescriptor(entry: { path: string; absolute: string }): any {
    try {
      return readContent(entry.absolute, entry.path).bytes();
    } catch {
      return Buffer.alloc(0);
    }
  }
  function closeImpl(withStack: boolean, fd: unknown): void {
    descriptor(fd, 'close', withStack);
    descriptors.delete(fd as number);
  }
  function fstatImpl(withStack: boolean, fd: unknown): unknown {
    const entry = descriptor(fd, 'fstat', withStack);
    return makeStats(statOf(entry.absolute) ?? { isFile: true, isDirectory: false, size: 0 });
  }
  fs.openSync = (...args: unknown[]) => openImpl(true, ...(args as [unknown, unknown]));
  fs.readSync = (...args: any[]) => readImpl(true, ...(args as [unknown, any]));
  fs.writeSync = (...args: any[]) => writeImpl(true, ...(args as [unknown, any]));
  fs.closeSync = (fd: unknown) => closeImpl(true, fd);
  fs.fstatSync = (fd: unknown) => fstatImpl(true, fd);
  /** The callback form: the operation completes in the poll phase; `results` names what the callback gets. */
  function callbackForm(name: string, run: (...args: any[]) => unknown, spread: (result: unknown, args: any[]) => unknown[]) {
    fs[name] = {
      [name]: (...args: any[]) => {
        const callback = args.pop();
        if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
        host.scheduleIO(() => {
          let result: unknown;
          try {
            result = run(false, ...args);
          } catch (error) {
            callback(error);
            return;
          }
          callback(null, ...spread(result, args));
        }, `fs.${name}`);
      },
    }[name];
  }
  callbackForm('open', (w, path, flags) => openImpl(w, path, typeof flags === 'function' ? undefined : flags), (fd) => [fd]);
  callbackForm('read', (w, ...args) => readImpl(w, ...(args as [unknown, any])), (bytes, args) => [bytes, args[1]]);
  callbackForm('write', (w, ...args) => writeImpl(w, ...(args as [unknown, any])), (bytes, args) => [bytes, args[1]]);
  callbackForm('close', (w, fd) => closeImpl(w, fd), () => []);
  callbackForm('fstat', (w, fd) => fstatImpl(w, fd), (stats) => [stats]);

  for (const unsupportedName of ['watch', 'watchFile', 'unwatchFile', 'symlink', 'symlinkSync', 'link', 'linkSync', 'chmod', 'chmodSync', 'chown', 'chownSync', 'truncate', 'truncateSync', 'ftruncate', 'ftruncateSync', 'utimes', 'utimesSync', 'opendir', 'opendirSync', 'realpath', 'realpathSync', 'readlink', 'readlinkSync', 'mkdtemp', 'mkdtempSync', 'cp', 'cpSync']) {
    if (fs[unsupportedName] === undefined) {
      fs[unsupportedName] = () => {
        host.unsupported(`fs.${unsupportedName}()`);
      };
    }
  }
  for (const unsupportedName of ['open', 'opendir', 'watch', 'realpath', 'mkdtemp', 'cp', 'truncate', 'chmod', 'symlink']) {
    if (promises[unsupportedName] === undefined) {
      promises[unsupportedName] = () => {
        host.unsupported(`fs.promises.${unsupportedName}()`);
      };
    }
  }

  /** fs.ReadStream: opens, reads highWaterMark-sized chunks and closes, each step one I/O completion, as Node's ReadStream does. */
  fs.createReadStream = function createReadStream(path: unknown, options?: unknown) {
    const { Readable } = loadStream() as { Readable: new (options: object) => any };
    const opts: any = typeof options === 'string' ? { encoding: options } : { ...(options as object) };
    const given = toPathString(path);
    const absolute = resolvePath(given);
    const highWaterMark = opts.highWaterMark ?? 64 * 1024;
    const start = opts.start ?? 0;
    const end = opts.end ?? Infinity;
    let content: any;
    let position = start;
    class ReadStream extends Readable {
      path = given;
      fd: number | null = null;
      bytesRead = 0;
      flags = opts.flags ?? 'r';
      mode = 0o666;
      start = opts.start;
      end = end;
      pos = opts.start;
      get pending() {
        return this.fd === null;
      }
      _construct(callback: (error?: Error | null) => void) {
        host.scheduleIO(() => {
          try {
            content = readContent(absolute, given, 'open', false).bytes();
          } catch (error) {
            callback(error as Error);
            return;
          }
          this.fd = nextFd++;
          callback();
          this.emit('open', this.fd);
          this.emit('ready');
        }, 'fs.open');
      }
      _read(size: number) {
        const want = Math.min(size, end - position + 1);
        host.scheduleIO(() => {
          const chunk = want > 0 ? content.subarray(position, Math.min(position + want, content.length)) : content.subarray(0, 0);
          position += chunk.length;
          this.bytesRead += chunk.length;
          this.push(chunk.length > 0 ? chunk : null);
        }, 'fs.read');
      }
      _destroy(error: Error | null, callback: (error?: Error | null) => void) {
        if (this.fd === null) {
          callback(error);
          return;
        }
        host.scheduleIO(() => {
          this.fd = null;
          callback(error);
        }, 'fs.close');
      }
      close(callback?: (error?: Error | null) => void) {
        if (typeof callback === 'function') this.once('close', callback);
        this.destroy();
      }
    }
    Object.defineProperty(ReadStream, 'name', { value: 'ReadStream', configurable: true });
    const stream = new ReadStream({ highWaterMark, encoding: opts.encoding, emitClose: opts.emitClose ?? true, autoDestroy: opts.autoClose ?? true });
    return stream;
  };

  /** fs.WriteStream: opens, then writes (batched with writev while a write is in flight) and closes, as Node's WriteStream does. */
  fs.createWriteStream = function createWriteStream(path: unknown, options?: unknown) {
    const { Writable } = loadStream() as { Writable: new (options: object) => any };
    const opts: any = typeof options === 'string' ? { encoding: options } : { ...(options as object) };
    const given = toPathString(path);
    const absolute = resolvePath(given);
    const flags = opts.flags ?? 'w';
    const append = (bytes: any) => {
      const previous = statOf(absolute) ? readContent(absolute, given) : undefined;
      // A chunk whose text is its bytes is appended as text (the common case, and cheap).
      const text: string = Buffer.from(bytes).toString('utf8');
      appendContent(absolute, previous, text.includes('\uFFFD') ? Buffer.from(bytes) : text);
    };
    class WriteStream extends Writable {
      path = given;
      fd: number | null = null;
      bytesWritten = 0;
      flags = flags;
      mode = 0o666;
      get pending() {
        return this.fd === null;
      }
      _construct(callback: (error?: Error | null) => void) {
        host.scheduleIO(() => {
          try {
            const parent = statOf(parentOf(absolute));
            if (!parent || !parent.isDirectory) throw fsError('ENOENT', 'open', given, undefined, false);
            if (statOf(absolute)?.isDirectory) throw fsError('EISDIR', 'open', given, undefined, false);
            if (!flags.startsWith('a') || !statOf(absolute)) storeContent(absolute, Buffer.alloc(0));
          } catch (error) {
            callback(error as Error);
            return;
          }
          this.fd = nextFd++;
          callback();
          this.emit('open', this.fd);
          this.emit('ready');
        }, 'fs.open');
      }
      _write(chunk: any, _encoding: string, callback: (error?: Error | null) => void) {
        host.scheduleIO(() => {
          append(chunk);
          this.bytesWritten += chunk.length;
          callback();
        }, 'fs.write');
      }
      _writev(chunks: { chunk: any }[], callback: (error?: Error | null) => void) {
        host.scheduleIO(() => {
          for (const { chunk } of chunks) {
            append(chunk);
            this.bytesWritten += chunk.length;
          }
          callback();
        }, 'fs.writev');
      }
      _destroy(error: Error | null, callback: (error?: Error | null) => void) {
        if (this.fd === null) {
          callback(error);
          return;
        }
        host.scheduleIO(() => {
          this.fd = null;
          callback(error);
        }, 'fs.close');
      }
      close(callback?: (error?: Error | null) => void) {
        if (typeof callback === 'function') this.once('close', callback);
        this.end();
      }
    }
    Object.defineProperty(WriteStream, 'name', { value: 'WriteStream', configurable: true });
    return new WriteStream({ highWaterMark: opts.highWaterMark ?? 16 * 1024, decodeStrings: opts.decodeStrings ?? true, defaultEncoding: opts.encoding ?? 'utf8', emitClose: opts.emitClose ?? true, autoDestroy: opts.autoClose ?? true });
  };
  return { fs, promises };
}
