// QuickJS stack traces rewritten in V8's shape. QuickJS keeps only the frames in `error.stack`
// ("    at f (/x.js:1:31)"), V8 starts with the error's header ("TypeError: msg") and names
// anonymous and top-level frames differently. Sandbox frames (the bootstrap's own wrappers) are
// dropped so traces show only the user's code, as Node's show only the user's and Node's own.

/** The name QuickJS shows for the CommonJS wrapper function around the user's module body. */
export const MAIN_WRAPPER_NAME = '__looplens_main';

const SANDBOX_FILES = ['looplens:sandbox.js', '<looplens>'];

/** `Name: message` as V8's Error.prototype.toString prints it in stack headers. */
export function errorHeader(error: { name?: unknown; message?: unknown }): string {
  let name: string;
  let message: string;
  try {
    name = error.name === undefined ? 'Error' : String(error.name);
    message = error.message === undefined ? '' : String(error.message);
  } catch {
    return 'Error';
  }
  if (!name) return message;
  if (!message) return name;
  return `${name}: ${message}`;
}

/** Rewrites QuickJS frame lines ("    at f (file:1:2)") into V8's wording; drops sandbox frames. */
export function v8Frames(quickjsStack: string, isModule: boolean): string[] {
  const frames: string[] = [];
  for (const raw of quickjsStack.split('\n')) {
    const match = /^\s*at (.*?)(?: \((.*)\))?$/.exec(raw);
    if (!match) continue;
    const name = match[1];
    const location = match[2] ?? '';
    if (SANDBOX_FILES.some((file) => location.startsWith(file))) continue;
    if (name === MAIN_WRAPPER_NAME) {
      frames.push(`    at Object.<anonymous> (${location})`);
    } else if (name === '<eval>') {
      frames.push(isModule ? `    at ${fileUrl(location)}` : `    at ${location}`);
    } else if (location === 'native') {
      frames.push(`    at ${name} (<anonymous>)`);
    } else if (name === '<anonymous>') {
      frames.push(`    at ${isModule ? fileUrl(location) : location}`);
    } else {
      frames.push(`    at ${name} (${isModule ? fileUrl(location) : location})`);
    }
  }
  return frames;
}

function fileUrl(location: string): string {
  return location.startsWith('/') ? `file://${location}` : location;
}

/** The whole V8-style stack: header, then frames. */
export function v8Stack(error: { name?: unknown; message?: unknown }, quickjsStack: string, isModule: boolean): string {
  return [errorHeader(error), ...v8Frames(quickjsStack, isModule)].join('\n');
}
