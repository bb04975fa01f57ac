// Plain-JavaScript packages bundled into the sandbox that ship no type declarations.
declare module 'process/browser.js' {
  const shim: Record<string, unknown>;
  export default shim;
}
declare module 'path-browserify' {
  const path: any;
  export default path;
}
