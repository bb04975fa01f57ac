// `url`, `URL` and `URLSearchParams`, which QuickJS lacks. The parser follows the WHATWG URL
// standard for what programs commonly build: special schemes (http, https, ws, wss, ftp, file)
// with authority, default ports, dot segments and percent-encoding; relative references against a
// base; opaque URLs such as `mailto:`. Internationalised host names and IPv6/IPv4 host
// normalisation are not modelled: such hosts stop the run as unsupported rather than be guessed.
import type { NodeHost } from './host-contract';
import { msg } from '../../../syntax/message';
import { invalidArgType, nodeError } from './errors';

const SPECIAL_PORTS: Record<string, string | null> = { 'ftp:': '21', 'file:': null, 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

function utf8PercentEncode(text: string, shouldEncode: (ch: string) => boolean): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x21 && code <= 0x7e && !shouldEncode(ch)) {
      out += ch;
      continue;
    }
    // A lone surrogate cannot be encoded as UTF-8; the standard turns it into U+FFFD.
    const safe = code >= 0xd800 && code <= 0xdfff ? '\ufffd' : ch;
    for (const byte of unescape(encodeURIComponent(safe))) out += `%${byte.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
const encodeFragment = (text: string) => utf8PercentEncode(text, (ch) => ' "<>`'.includes(ch));
const encodeQuery = (text: string, special: boolean) => utf8PercentEncode(text, (ch) => ' "#<>'.includes(ch) || (special && ch === "'"));
const encodePath = (text: string) => utf8PercentEncode(text, (ch) => ' "#<>?`{}'.includes(ch));
const encodeUserinfo = (text: string) => utf8PercentEncode(text, (ch) => ' "#<>?`{}/:;=@[\\]^|'.includes(ch));

/** application/x-www-form-urlencoded, as URLSearchParams serialises. */
function formEncode(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/[A-Za-z0-9*\-._]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += encodeURIComponent(ch).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}
function formDecode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Invalid escapes stay as they are, as in the standard's percent-decode.
    return spaced.replace(/%([0-9A-Fa-f]{2})/g, (match, hex) => {
      try {
        return decodeURIComponent(`%${hex}`);
      } catch {
        return match;
      }
    });
  }
}

interface UrlRecord {
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
  opaque: boolean;
  hasAuthority: boolean;
}

function invalidUrl(input: string): TypeError {
  const error = nodeError<TypeError & { input?: string }>(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
  error.input = input;
  return error;
}

function normalizePath(segments: string[], special: boolean): string {
  const output: string[] = [];
  segments.forEach((raw, index) => {
    const segment = raw.toLowerCase();
    const last = index === segments.length - 1;
    if (segment === '..' || segment === '.%2e' || segment === '%2e.' || segment === '%2e%2e') {
      output.pop();
      if (last) output.push('');
    } else if (segment === '.' || segment === '%2e') {
      if (last) output.push('');
    } else {
      output.push(encodePath(raw));
    }
  });
  const path = `/${output.join('/')}`;
  return special || path !== '/' || segments.length > 0 ? path : '';
}

export function createUrl(deps: { host: NodeHost; cwd: () => string }): Record<string, any> {
  const { host } = deps;

  function parse(input: string, base?: UrlRecord): UrlRecord {
    const original = input;
    // eslint-disable-next-line no-control-regex -- the standard strips C0 controls and spaces.
    input = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
    const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(input);
    let rest: string;
    let record: UrlRecord;
    if (schemeMatch) {
      const protocol = `${schemeMatch[1].toLowerCase()}:`;
      rest = input.slice(schemeMatch[0].length);
      const special = protocol in SPECIAL_PORTS;
      record = { protocol, username: '', password: '', hostname: '', port: '', pathname: '', search: '', hash: '', opaque: false, hasAuthority: false };
      if (special && base && base.protocol === protocol && !/^[/\\]/.test(rest)) {
        // `http:foo` against an http base is relative.
        return resolveRelative(rest, base, original);
      }
      if (special || rest.startsWith('//')) {
        // file: has an authority only between its first two slashes (usually empty).
        if (protocol === 'file:') {
          if (/^[/\\]{2}/.test(rest)) return parseAuthorityAndRest(record, rest.slice(2), original);
          record.hasAuthority = true;
          return parsePathQueryFragment(record, rest.startsWith('/') ? rest : `/${rest}`, original);
        }
        rest = special ? rest.replace(/^[/\\]*/, '') : rest.slice(2);
        return parseAuthorityAndRest(record, rest, original);
      }
      record.opaque = !rest.startsWith('/');
      return parsePathQueryFragment(record, rest, original);
    }
    if (!base) throw invalidUrl(original);
    return resolveRelative(input, base, original);
  }

  function parseAuthorityAndRest(record: UrlRecord, rest: string, original: string): UrlRecord {
    const special = record.protocol in SPECIAL_PORTS;
    const end = rest.search(special ? /[/\\?#]/ : /[/?#]/);
    let authority = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? '' : rest.slice(end);
    record.hasAuthority = true;
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      authority = authority.slice(at + 1);
      const colon = userinfo.indexOf(':');
      record.username = encodeUserinfo(colon < 0 ? userinfo : userinfo.slice(0, colon));
      record.password = colon < 0 ? '' : encodeUserinfo(userinfo.slice(colon + 1));
    }
    const portMatch = /:(\d*)$/.exec(authority);
    let hostname = portMatch ? authority.slice(0, portMatch.index) : authority;
    if (portMatch && portMatch[1] !== '') {
      const port = Number(portMatch[1]);
      if (port > 65535) throw invalidUrl(original);
      record.port = SPECIAL_PORTS[record.protocol] === String(port) ? '' : String(port);
    } else if (!portMatch && /:/.test(authority) && !authority.startsWith('[')) {
      throw invalidUrl(original);
    }
    if (special) {
      if (hostname === '' && record.protocol !== 'file:') throw invalidUrl(original);
      let decoded: string;
      try {
        decoded = decodeURIComponent(hostname);
      } catch {
        throw invalidUrl(original);
      }
      // eslint-disable-next-line no-control-regex -- forbidden host code points include NUL.
      if (/[\u0000\t\n\r #%/:<>?@[\\\]^|]/.test(decoded.replace(/^\[.*\]$/, 'x'))) throw invalidUrl(original);
      if (/[^\u0020-\u007f]/.test(decoded) || decoded.startsWith('[')) host.unsupported(`URL host '${decoded}'`, msg('internationalised or IPv6 host names'));
      hostname = decoded.toLowerCase();
      if (record.protocol === 'file:' && hostname === 'localhost') hostname = '';
    }
    record.hostname = hostname;
    return parsePathQueryFragment(record, rest, original);
  }

  function parsePathQueryFragment(record: UrlRecord, rest: string, _original: string, keepPath = false): UrlRecord {
    const special = record.protocol in SPECIAL_PORTS;
    const hashAt = rest.indexOf('#');
    if (hashAt >= 0) {
      record.hash = rest.length > hashAt + 1 ? `#${encodeFragment(rest.slice(hashAt + 1))}` : '';
      rest = rest.slice(0, hashAt);
    }
    const queryAt = rest.indexOf('?');
    if (queryAt >= 0) {
      record.search = rest.length > queryAt + 1 ? `?${encodeQuery(rest.slice(queryAt + 1), special)}` : '';
      rest = rest.slice(0, queryAt);
    }
    if (keepPath && rest === '') return record;
    if (record.opaque) {
      record.pathname = utf8PercentEncode(rest, () => false);
    } else {
      const segments = rest === '' ? [] : rest.replace(/^[/\\]/, '').split(special ? /[/\\]/ : '/');
      if (rest.startsWith('/') || rest.startsWith('\\') || special) record.pathname = normalizePath(segments, special);
      else record.pathname = rest;
      if (special && record.pathname === '') record.pathname = '/';
    }
    return record;
  }

  function resolveRelative(input: string, base: UrlRecord, original: string): UrlRecord {
    if (base.opaque) {
      if (input.startsWith('#')) return parsePathQueryFragment({ ...base, hash: '' }, input, original, true);
      throw invalidUrl(original);
    }
    const special = base.protocol in SPECIAL_PORTS;
    const record: UrlRecord = { ...base, hash: '' };
    if (/^[/\\]{2}/.test(input) && (special || input.startsWith('//'))) {
      return parseAuthorityAndRest({ ...record, username: '', password: '', hostname: '', port: '', pathname: '', search: '' }, input.replace(/^[/\\]{2}/, ''), original);
    }
    if (input === '') return { ...record, hash: '' };
    if (input.startsWith('#')) return parsePathQueryFragment(record, input, original, true);
    if (input.startsWith('?')) return parsePathQueryFragment({ ...record, search: '' }, input, original, true);
    record.search = '';
    if (input.startsWith('/') || (special && input.startsWith('\\'))) return parsePathQueryFragment(record, input, original);
    const directory = base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
    return parsePathQueryFragment(record, directory + input, original);
  }

  const records = new WeakMap<object, UrlRecord>();
  const paramsOf = new WeakMap<object, URLSearchParams>();

  class URLSearchParams {
    #list: [string, string][] = [];
    #url: URL | null = null;
    constructor(init: unknown = '') {
      if (init instanceof URLSearchParams) {
        this.#list = init.#list.map(([name, value]) => [name, value]);
      } else if (init !== null && typeof init === 'object' && typeof (init as any)[Symbol.iterator] === 'function') {
        for (const pair of init as Iterable<unknown>) {
          const entry = [...(pair as Iterable<unknown>)];
          if (entry.length !== 2) throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          this.#list.push([String(entry[0]), String(entry[1])]);
        }
      } else if (init !== null && typeof init === 'object') {
        for (const key of Object.keys(init)) this.#list.push([key, String((init as Record<string, unknown>)[key])]);
      } else {
        this.#parse(String(init));
      }
    }
    #parse(text: string): void {
      this.#list = [];
      for (const part of text.replace(/^\?/, '').split('&')) {
        if (part === '') continue;
        const eq = part.indexOf('=');
        this.#list.push(eq < 0 ? [formDecode(part), ''] : [formDecode(part.slice(0, eq)), formDecode(part.slice(eq + 1))]);
      }
    }
    /** Called by URL when its query changes. */
    static _attach(params: URLSearchParams, url: URL, query: string): void {
      params.#url = url;
      params.#parse(query);
    }
    #update(): void {
      if (!this.#url) return;
      const record = records.get(this.#url)!;
      const text = this.toString();
      record.search = text === '' ? '' : `?${text}`;
    }
    get size(): number {
      return this.#list.length;
    }
    append(name: string, value: string): void {
      this.#list.push([String(name), String(value)]);
      this.#update();
    }
    delete(name: string, value?: string): void {
      this.#list = this.#list.filter(([n, v]) => n !== String(name) || (value !== undefined && v !== String(value)));
      this.#update();
    }
    get(name: string): string | null {
      const found = this.#list.find(([n]) => n === String(name));
      return found ? found[1] : null;
    }
    getAll(name: string): string[] {
      return this.#list.filter(([n]) => n === String(name)).map(([, v]) => v);
    }
    has(name: string, value?: string): boolean {
      return this.#list.some(([n, v]) => n === String(name) && (value === undefined || v === String(value)));
    }
    set(name: string, value: string): void {
      const index = this.#list.findIndex(([n]) => n === String(name));
      if (index < 0) this.#list.push([String(name), String(value)]);
      else {
        this.#list[index] = [String(name), String(value)];
        this.#list = this.#list.filter(([n], i) => i <= index || n !== String(name));
      }
      this.#update();
    }
    sort(): void {
      // A stable sort by UTF-16 code units of the names, as the standard says.
      this.#list = this.#list.map((entry, index) => ({ entry, index })).sort((a, b) => (a.entry[0] < b.entry[0] ? -1 : a.entry[0] > b.entry[0] ? 1 : a.index - b.index)).map(({ entry }) => entry);
      this.#update();
    }
    forEach(callback: (value: string, name: string, params: URLSearchParams) => void, thisArg?: unknown): void {
      if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
      for (let i = 0; i < this.#list.length; i++) callback.call(thisArg, this.#list[i][1], this.#list[i][0], this);
    }
    *entries(): IterableIterator<[string, string]> {
      for (let i = 0; i < this.#list.length; i++) yield [this.#list[i][0], this.#list[i][1]];
    }
    *keys(): IterableIterator<string> {
      for (const [name] of this.entries()) yield name;
    }
    *values(): IterableIterator<string> {
      for (const [, value] of this.entries()) yield value;
    }
    [Symbol.iterator](): IterableIterator<[string, string]> {
      return this.entries();
    }
    toString(): string {
      return this.#list.map(([name, value]) => `${formEncode(name)}=${formEncode(value)}`).join('&');
    }
    get [Symbol.toStringTag](): string {
      return 'URLSearchParams';
    }
    [inspectCustom](depth: number | null, options: any, inspect: (value: unknown, options?: object) => string): string {
      if (typeof depth === 'number' && depth < 0) return '[Object]';
      const innerOptions = { ...options, depth: depth === null ? null : (depth ?? 2) - 1 };
      const output = this.#list.map(([name, value]) => `${inspect(name, innerOptions)} => ${inspect(value, innerOptions)}`);
      const length = output.reduce((sum, item) => sum + item.length + 2, -2);
      if (length > (options?.breakLength ?? 80)) return `URLSearchParams {\n  ${output.join(',\n  ')} }`;
      if (output.length > 0) return `URLSearchParams { ${output.join(', ')} }`;
      return 'URLSearchParams {}';
    }
  }

  class URL {
    constructor(input: unknown, base?: unknown) {
      const text = String(input);
      let baseRecord: UrlRecord | undefined;
      if (base !== undefined) {
        const baseText = String(base);
        baseRecord = records.get(base as object) ?? parse(baseText);
      }
      records.set(this, parse(text, baseRecord));
    }
    static canParse(input: unknown, base?: unknown): boolean {
      try {
        new URL(input, base);
        return true;
      } catch {
        return false;
      }
    }
    #record(): UrlRecord {
      return records.get(this)!;
    }
    get href(): string {
      const r = this.#record();
      const credentials = r.username || r.password ? `${r.username}${r.password ? `:${r.password}` : ''}@` : '';
      const authority = r.hasAuthority ? `//${credentials}${r.hostname}${r.port ? `:${r.port}` : ''}` : '';
      return `${r.protocol}${authority}${r.pathname}${r.search}${r.hash}`;
    }
    set href(value: string) {
      records.set(this, parse(String(value)));
      const params = paramsOf.get(this);
      if (params) URLSearchParams._attach(params, this, this.#record().search);
    }
    get origin(): string {
      const r = this.#record();
      if (r.protocol === 'file:' || !(r.protocol in SPECIAL_PORTS)) return 'null';
      return `${r.protocol}//${this.host}`;
    }
    get protocol(): string {
      return this.#record().protocol;
    }
    get username(): string {
      return this.#record().username;
    }
    set username(value: string) {
      this.#record().username = encodeUserinfo(String(value));
    }
    get password(): string {
      return this.#record().password;
    }
    set password(value: string) {
      this.#record().password = encodeUserinfo(String(value));
    }
    get host(): string {
      const r = this.#record();
      return `${r.hostname}${r.port ? `:${r.port}` : ''}`;
    }
    get hostname(): string {
      return this.#record().hostname;
    }
    set hostname(value: string) {
      if (!this.#record().opaque) this.#record().hostname = String(value).toLowerCase();
    }
    get port(): string {
      return this.#record().port;
    }
    set port(value: string) {
      const r = this.#record();
      const digits = /^\d*/.exec(String(value))![0];
      if (digits === '' && String(value) !== '') return;
      r.port = digits === '' || SPECIAL_PORTS[r.protocol] === String(Number(digits)) ? '' : String(Number(digits));
    }
    get pathname(): string {
      return this.#record().pathname;
    }
    set pathname(value: string) {
      const r = this.#record();
      if (r.opaque) return;
      const text = String(value);
      const special = r.protocol in SPECIAL_PORTS;
      const segments = text.replace(/^[/\\]/, '').split(special ? /[/\\]/ : '/');
      r.pathname = normalizePath(segments, special);
    }
    get search(): string {
      return this.#record().search;
    }
    set search(value: string) {
      const text = String(value).replace(/^\?/, '');
      const r = this.#record();
      r.search = text === '' ? '' : `?${encodeQuery(text, r.protocol in SPECIAL_PORTS)}`;
      const params = paramsOf.get(this);
      if (params) URLSearchParams._attach(params, this, r.search);
    }
    get searchParams(): URLSearchParams {
      let params = paramsOf.get(this);
      if (!params) {
        params = new URLSearchParams();
        URLSearchParams._attach(params, this, this.#record().search);
        paramsOf.set(this, params);
      }
      return params;
    }
    get hash(): string {
      return this.#record().hash;
    }
    set hash(value: string) {
      const text = String(value).replace(/^#/, '');
      this.#record().hash = text === '' ? '' : `#${encodeFragment(text)}`;
    }
    toString(): string {
      return this.href;
    }
    toJSON(): string {
      return this.href;
    }
    get [Symbol.toStringTag](): string {
      return 'URL';
    }
    [inspectCustom](depth: number | null, options: any, inspect: (value: unknown, options?: object) => string): unknown {
      if (typeof depth === 'number' && depth < 0) return this;
      const shown = {
        href: this.href,
        origin: this.origin,
        protocol: this.protocol,
        username: this.username,
        password: this.password,
        host: this.host,
        hostname: this.hostname,
        port: this.port,
        pathname: this.pathname,
        search: this.search,
        searchParams: this.searchParams,
        hash: this.hash,
      };
      return `URL ${inspect(shown, options)}`;
    }
  }
  // The bundler may rename the bindings; programs print these names.
  Object.defineProperty(URL, 'name', { value: 'URL', configurable: true });
  Object.defineProperty(URLSearchParams, 'name', { value: 'URLSearchParams', configurable: true });

  function fileURLToPath(url: unknown): string {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    if (!(parsed instanceof URL)) throw invalidArgType('path', 'of type string or an instance of URL', url);
    if (parsed.protocol !== 'file:') throw nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
    if (parsed.hostname !== '') throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
    if (/%2f/i.test(parsed.pathname)) throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
    return decodeURIComponent(parsed.pathname);
  }
  function pathToFileURL(path: string): URL {
    const absolute = path.startsWith('/') ? path : `${deps.cwd()}/${path}`;
    const url = new URL('file://');
    url.pathname = absolute.replace(/%/g, '%25').replace(/\?/g, '%3F').replace(/#/g, '%23').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
    return url;
  }

  return {
    URL,
    URLSearchParams,
    fileURLToPath,
    pathToFileURL,
    format(url: unknown) {
      return url instanceof URL ? url.href : String((url as { href?: string })?.href ?? url);
    },
    parse() {
      host.unsupported('url.parse()', msg('Node\'s legacy URL API'));
    },
    resolve() {
      host.unsupported('url.resolve()', msg('Node\'s legacy URL API'));
    },
    domainToASCII() {
      host.unsupported('url.domainToASCII()');
    },
  };
}
