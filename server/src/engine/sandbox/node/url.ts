// `url`, `URL` and `URLSearchParams`, which QuickJS lacks. Not written yet: constructing a URL
// stops the run as unsupported rather than parsing by guesswork. `fileURLToPath` and
// `pathToFileURL` cover the common `file:` conversions.
import type { NodeHost } from './host-contract';
import { invalidArgType } from './errors';

export function createUrl(deps: { host: NodeHost; cwd: () => string }): Record<string, any> {
  const { host } = deps;
  class URL {
    constructor(_input: unknown, _base?: unknown) {
      host.unsupported('URL');
    }
  }
  class URLSearchParams {
    constructor(_init?: unknown) {
      host.unsupported('URLSearchParams');
    }
  }
  return {
    URL,
    URLSearchParams,
    fileURLToPath(url: unknown): string {
      const text = typeof url === 'string' ? url : (url as { href?: string })?.href;
      if (typeof text !== 'string') throw invalidArgType('path', 'of type string or an instance of URL', url);
      if (!text.startsWith('file://')) {
        const error = new TypeError('The URL must be of scheme file') as TypeError & { code: string };
        error.code = 'ERR_INVALID_URL_SCHEME';
        throw error;
      }
      return decodeURIComponent(text.slice('file://'.length).replace(/[?#].*$/, ''));
    },
    pathToFileURL(path: string): { href: string; protocol: string; pathname: string; toString(): string } {
      const absolute = path.startsWith('/') ? path : `${deps.cwd()}/${path}`;
      const pathname = encodeURI(absolute).replace(/\?/g, '%3F').replace(/#/g, '%23');
      const href = `file://${pathname}`;
      return { href, protocol: 'file:', pathname, toString: () => href };
    },
  };
}
