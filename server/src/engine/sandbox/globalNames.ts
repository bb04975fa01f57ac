// The global object's own names as a program lists them. `Object.keys(globalThis)`, `for (k in
// globalThis)` and `console.log(globalThis)` list a runtime's enumerable globals, in the order the
// runtime defined them; the sandbox defines its globals in an order of its own and not enumerable,
// so the ones the real runtime lists are defined again here, in its order and of its kinds. And the
// sandbox's own globals (`__looplens_*`, `__ll_trace`) are left out of every listing of the global
// object's names; a program's own globals of such names are listed as the runtime lists them.

import type { SandboxModel } from './host';
import { createUntrackedProxy, setProxyHandlerAdapter } from './inspect';

/**
 * Node's enumerable globals in its order, and which of them are accessors (measured: node 20.20.2
 * running a file, CommonJS and ES module alike; Node 10.24.1 for node-legacy).
 */
const NODE_LISTED_GLOBALS: Record<'node' | 'node-legacy', { names: string[]; accessors: Record<string, 'get' | 'get/set'> }> = {
  node: {
    names: ['global', 'clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout', 'setInterval', 'setTimeout', 'queueMicrotask', 'structuredClone', 'atob', 'btoa', 'performance', 'fetch', 'crypto'],
    accessors: { atob: 'get/set', btoa: 'get/set', performance: 'get/set', crypto: 'get' },
  },
  'node-legacy': {
    names: ['global', 'process', 'Buffer', 'clearImmediate', 'clearInterval', 'clearTimeout', 'setImmediate', 'setInterval', 'setTimeout'],
    accessors: {},
  },
};

/**
 * Chromium's enumerable globals in its order: `Object.keys(globalThis)` on a blank page of Chromium
 * 156 (the oracle's). The browser model defines a few dozen of them; those are listed in this
 * order, before the program's own `var`s and functions, as in Chromium.
 */
const CHROMIUM_LISTED_GLOBALS = [
  'window', 'self', 'document', 'name', 'location', 'customElements', 'history', 'navigation', 'locationbar',
  'menubar', 'personalbar', 'scrollbars', 'statusbar', 'toolbar', 'status', 'closed', 'frames', 'length', 'top',
  'opener', 'parent', 'frameElement', 'navigator', 'origin', 'external', 'screen', 'innerWidth', 'innerHeight',
  'scrollX', 'pageXOffset', 'scrollY', 'pageYOffset', 'visualViewport', 'screenX', 'screenY', 'outerWidth',
  'outerHeight', 'devicePixelRatio', 'onpagereveal', 'event', 'clientInformation', 'screenLeft', 'screenTop',
  'styleMedia', 'onsearch', 'onappinstalled', 'onbeforeinstallprompt', 'onabort', 'onbeforeinput', 'onbeforematch',
  'onbeforetoggle', 'onblur', 'oncancel', 'oncanplay', 'oncanplaythrough', 'onchange', 'onclick', 'onclose',
  'oncommand', 'oncontentvisibilityautostatechange', 'oncontextlost', 'oncontextmenu', 'oncontextrestored',
  'oncuechange', 'ondblclick', 'ondrag', 'ondragend', 'ondragenter', 'ondragleave', 'ondragover', 'ondragstart',
  'ondrop', 'ondurationchange', 'onemptied', 'onended', 'onerror', 'onfocus', 'onformdata', 'oninput', 'oninvalid',
  'onkeydown', 'onkeypress', 'onkeyup', 'onload', 'onloadeddata', 'onloadedmetadata', 'onloadstart', 'onmousedown',
  'onmouseenter', 'onmouseleave', 'onmousemove', 'onmouseout', 'onmouseover', 'onmouseup', 'onmousewheel', 'onpause',
  'onplay', 'onplaying', 'onprogress', 'onratechange', 'onreset', 'onresize', 'onscroll', 'onscrollend',
  'onsecuritypolicyviolation', 'onseeked', 'onseeking', 'onselect', 'onslotchange', 'onstalled', 'onsubmit',
  'onsuspend', 'ontimeupdate', 'ontoggle', 'onvolumechange', 'onwaiting', 'onwebkitanimationend',
  'onwebkitanimationiteration', 'onwebkitanimationstart', 'onwebkittransitionend', 'onwheel', 'onauxclick',
  'ongotpointercapture', 'onlostpointercapture', 'onpointerdown', 'onpointermove', 'onpointerup', 'onpointercancel',
  'onpointerover', 'onpointerout', 'onpointerenter', 'onpointerleave', 'onselectstart', 'onselectionchange',
  'onanimationcancel', 'onanimationend', 'onanimationiteration', 'onanimationstart', 'ontransitionrun',
  'ontransitionstart', 'ontransitionend', 'ontransitioncancel', 'onbeforexrselect', 'onafterprint', 'onbeforeprint',
  'onbeforeunload', 'onhashchange', 'onlanguagechange', 'onmessage', 'onmessageerror', 'onoffline', 'ononline',
  'onpagehide', 'onpageshow', 'onpopstate', 'onrejectionhandled', 'onstorage', 'onunhandledrejection', 'onunload',
  'isSecureContext', 'crossOriginIsolated', 'scheduler', 'performance', 'trustedTypes', 'crypto', 'indexedDB',
  'localStorage', 'sessionStorage', 'alert', 'atob', 'blur', 'btoa', 'cancelAnimationFrame', 'cancelIdleCallback',
  'captureEvents', 'clearInterval', 'clearTimeout', 'close', 'confirm', 'createImageBitmap', 'fetch', 'find',
  'focus', 'getComputedStyle', 'getSelection', 'matchMedia', 'moveBy', 'moveTo', 'open', 'postMessage', 'print',
  'prompt', 'queueMicrotask', 'releaseEvents', 'reportError', 'requestAnimationFrame', 'requestIdleCallback',
  'resizeBy', 'resizeTo', 'scroll', 'scrollBy', 'scrollTo', 'setInterval', 'setTimeout', 'stop', 'structuredClone',
  'webkitCancelAnimationFrame', 'webkitRequestAnimationFrame', 'chrome', 'crashReport', 'cookieStore',
  'ondevicemotion', 'ondeviceorientation', 'ondeviceorientationabsolute', 'onpointerrawupdate', 'caches',
  'documentPictureInPicture', 'fetchLater', 'getScreenDetails', 'queryLocalFonts', 'showDirectoryPicker',
  'showOpenFilePicker', 'showSaveFilePicker', 'originAgentCluster', 'viewport', 'onpageswap', 'credentialless',
  'fence', 'launchQueue', 'speechSynthesis', 'onscrollsnapchange', 'onscrollsnapchanging', 'ongamepadconnected',
  'ongamepaddisconnected', 'requestResize', 'webkitRequestFileSystem', 'webkitResolveLocalFileSystemURL',
];

/**
 * Gives an accessor's functions the names V8 gives a built-in's (`get atob`, `set atob`), which a
 * program sees through Object.getOwnPropertyDescriptor; returns the descriptor.
 */
export function nameAccessor<T extends PropertyDescriptor>(descriptor: T, name: string): T {
  for (const kind of ['get', 'set'] as const) {
    const fn = descriptor[kind];
    if (typeof fn === 'function') Object.defineProperty(fn, 'name', { value: `${kind} ${name}`, configurable: true });
  }
  return descriptor;
}

export interface GlobalNamesOptions {
  model: SandboxModel;
  /** A stand-in object whose first real use stops the run as unsupported (index.ts). */
  unsupportedNamespace: (name: string) => object;
  /** Makes a replacement of a built-in print as native code (index.ts). */
  markNative: (fn: object, name: string) => void;
}

/**
 * Runs once while the sandbox boots, after every global is defined. Returns how a global the
 * sandbox defines later (the trace recorder's, per run) is hidden as well.
 */
export function arrangeGlobalNames({ model, unsupportedNamespace, markNative }: GlobalNamesOptions): (name: string) => void {
  const global = globalThis as Record<string, unknown> & typeof globalThis;
  if (model === 'browser') listLikeChromium(global, markNative);
  else listLikeNode(global, model === 'node-legacy' ? 'node-legacy' : 'node', unsupportedNamespace);
  return hideSandboxNames(global, markNative);
}

function listLikeNode(global: Record<string, unknown>, kind: 'node' | 'node-legacy', unsupportedNamespace: (name: string) => object): void {
  const { names, accessors } = NODE_LISTED_GLOBALS[kind];
  // Node 17+ has Web Crypto as a global; the prediction does not model it, so its first real use
  // (a member read, or listing its keys) stops the run as unsupported, as WebAssembly's does.
  if (accessors.crypto && global.crypto === undefined) {
    let crypto: object | undefined;
    Object.defineProperty(global, 'crypto', nameAccessor({ get: () => (crypto ??= unsupportedNamespace('crypto')), configurable: true, enumerable: false }, 'crypto'));
  }
  for (const name of names) {
    const descriptor = Object.getOwnPropertyDescriptor(global, name);
    if (!descriptor) continue;
    delete global[name];
    const accessor = accessors[name];
    if (accessor === undefined || descriptor.get || descriptor.set) {
      // A lazily made global keeps its accessor (it becomes the value on first use, as before).
      Object.defineProperty(global, name, { ...descriptor, enumerable: true });
      continue;
    }
    let value: unknown = descriptor.value;
    Object.defineProperty(global, name, nameAccessor({
      get: () => value,
      set: accessor === 'get/set' ? (replacement: unknown) => void (value = replacement) : undefined,
      configurable: true,
      enumerable: true,
    }, name));
  }
  if (kind === 'node-legacy') return;
  // Node 20's setTimeout and setImmediate carry util.promisify.custom as an enumerable getter,
  // which `console.log(globalThis)` shows (`[Symbol(nodejs.util.promisify.custom)]: [Getter]`).
  const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
  for (const name of ['setTimeout', 'setImmediate']) {
    const timer = global[name];
    const custom = typeof timer === 'function' ? Object.getOwnPropertyDescriptor(timer, promisifyCustom) : undefined;
    if (custom && 'value' in custom) Object.defineProperty(timer, promisifyCustom, { get: { get: () => custom.value }.get, configurable: true, enumerable: true });
  }
}

function listLikeChromium(global: Record<string, unknown>, markNative: (fn: object, name: string) => void): void {
  const listed = new Set(CHROMIUM_LISTED_GLOBALS);
  // What Chromium does not list is not listed here either.
  for (const name of Object.keys(global)) {
    if (!listed.has(name)) Object.defineProperty(global, name, { enumerable: false });
  }
  for (const name of CHROMIUM_LISTED_GLOBALS) {
    const descriptor = Object.getOwnPropertyDescriptor(global, name);
    if (!descriptor || !descriptor.configurable) continue;
    delete global[name];
    Object.defineProperty(global, name, { ...descriptor, enumerable: true });
  }
  // [LegacyUnforgeable] attributes of the window cannot be deleted or redefined (measured in
  // Chromium 150: configurable false, `delete window` is false). Made so once listed in order.
  for (const name of ['window', 'document', 'location']) if (Object.getOwnPropertyDescriptor(global, name)) Object.defineProperty(global, name, { configurable: false });
  // The window's attribute accessors (browser.ts defineWindowAttribute) print as Chromium's built-ins.
  for (const name of ['window', 'self', 'document', 'navigator', 'location', 'performance']) {
    const descriptor = Object.getOwnPropertyDescriptor(global, name);
    if (descriptor?.get) markNative(descriptor.get, `get ${name}`);
    if (descriptor?.set) markNative(descriptor.set, `set ${name}`);
  }
}

/**
 * The sandbox's own globals (what the host and the rewritten program call) stay on the global
 * object, where the rewrite's plain names reach them in every kind of script and module; the
 * functions that list an object's own names leave them out when the object is the global one.
 * They are not enumerable, so `Object.keys` and `for in` never list them. Only the names the
 * sandbox itself defined are hidden, recorded here by name: a program may define globals of its
 * own that begin the same way (`__ll_cache`), and the runtime lists those.
 */
function hideSandboxNames(global: object, markNative: (fn: object, name: string) => void): (name: string) => void {
  // A dictionary without a prototype: a program replacing Set or Object methods changes no answer.
  const sandboxNames: Record<string, true> = Object.create(null);
  for (const name of Object.getOwnPropertyNames(global)) if (name.startsWith('__looplens') || name.startsWith('__ll_')) sandboxNames[name] = true;
  const isSandboxName = (key: PropertyKey) => typeof key === 'string' && sandboxNames[key] === true;
  const originalNames = Object.getOwnPropertyNames;
  const originalOwnKeys = Reflect.ownKeys;
  const originalDescriptors = Object.getOwnPropertyDescriptors;
  const getOwnPropertyNames = function getOwnPropertyNames(target: unknown): string[] {
    const names = originalNames(target);
    return target === global ? names.filter((name) => !isSandboxName(name)) : names;
  };
  const ownKeys = function ownKeys(target: object): (string | symbol)[] {
    const keys = originalOwnKeys(target);
    return target === global ? keys.filter((key) => !isSandboxName(key)) : keys;
  };
  const getOwnPropertyDescriptors = function getOwnPropertyDescriptors(target: unknown): Record<PropertyKey, PropertyDescriptor> {
    const descriptors = originalDescriptors(target) as Record<PropertyKey, PropertyDescriptor>;
    if (target === global) for (const key of originalOwnKeys(descriptors)) if (isSandboxName(key)) delete descriptors[key];
    return descriptors;
  };
  for (const [holder, name, replacement] of [[Object, 'getOwnPropertyNames', getOwnPropertyNames], [Reflect, 'ownKeys', ownKeys], [Object, 'getOwnPropertyDescriptors', getOwnPropertyDescriptors]] as const) {
    Object.defineProperty(replacement, 'name', { value: name, configurable: true });
    markNative(replacement, name);
    Object.defineProperty(holder, name, { value: replacement, writable: true, configurable: true, enumerable: false });
  }
  // A proxy of the global object lists its target's keys without calling the functions above
  // (Reflect.ownKeys(new Proxy(globalThis, {}))): its handler is seen through one whose ownKeys
  // leaves the sandbox names out of whatever the program's trap (or the default) answers. Every
  // other trap is the program's own, read from its handler when used and applied with the
  // program's handler as this (the proxy would call it on the handler it holds, this one). The
  // sandbox's globals are configurable, so leaving them out keeps the proxy invariants (a
  // non-configurable key must be listed).
  const { get, apply } = Reflect;
  setProxyHandlerAdapter((target, handler) => {
    if (target !== global || handler === null || (typeof handler !== 'object' && typeof handler !== 'function')) return handler;
    const programHandler = handler as ProxyHandler<object>;
    const seenHandler: ProxyHandler<object> = createUntrackedProxy(programHandler, {
      get(own, key) {
        if (key !== 'ownKeys') {
          const trap: unknown = get(own, key);
          // Not a function: the proxy fails on it as it would have.
          return typeof trap === 'function' ? function (...args: unknown[]): unknown { return apply(trap, programHandler, args); } : trap;
        }
        const trap = get(own, 'ownKeys') as ProxyHandler<object>['ownKeys'];
        return function ownKeys(proxied: object): ArrayLike<string | symbol> {
          const keys = trap === undefined || trap === null ? originalOwnKeys(proxied) : apply(trap, programHandler, [proxied]);
          // A trap's answer that is not a list fails as it would have (the proxy checks it).
          if (keys === null || typeof keys !== 'object') return keys;
          const listed: (string | symbol)[] = [];
          for (let index = 0, length = keys.length; index < length; index++) if (!isSandboxName(keys[index])) listed[listed.length] = keys[index];
          return listed;
        };
      },
    });
    return seenHandler;
  });
  return (name) => void (sandboxNames[name] = true);
}
