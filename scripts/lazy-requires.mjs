// Source transforms that move a dependency's `require` of an HTTP client or of big JSON files from the module's
// top level into the code that uses it, so a lint worker does not initialise them at start-up. scripts/build.mjs
// applies them; test/unit/lazy-requires.test.mjs checks them. Each transform throws when the code it expects is
// not there (a dependency changed): the build fails instead of shipping an unpatched bundle.

import { patchSource } from './patch-source.mjs';

/**
 * node-fetch (with whatwg-url and Node's http, https and zlib) serves only remote `$ref`s and rulesets, which
 * the engine fetches through its own host. @stoplight/json-ref-readers/http.js and spectral-runtime's fetch.js
 * require it when loaded; they now require it on their first request (~40–50 ms of each worker's start).
 */
export function lazyNodeFetchInRefReaders(source) {
  const patches = [
    ['const node_fetch_1 = require("node-fetch");\n', ''],
    ['yield node_fetch_1.default(uri, opts);', 'yield require("node-fetch").default(uri, opts);'],
  ];
  return patchSource(source, patches, 'http.js', '@stoplight/json-ref-readers');
}

export function lazyNodeFetchInSpectralRuntime(source) {
  const patches = [
    ['const node_fetch_1 = (0, tslib_1.__importDefault)(require("node-fetch"));\n', ''],
    ['return (0, node_fetch_1.default)(uri,', 'return (0, (0, tslib_1.__importDefault)(require("node-fetch")).default)(uri,'],
  ];
  return patchSource(source, patches, 'dist/fetch.js', '@stoplight/spectral-runtime');
}

/**
 * @asyncapi/specs requires its 18 JSON Schemas (AsyncAPI 2.0–3.1, with and without ids) when loaded; Spectral's
 * AsyncAPI ruleset reads their versions (`Object.keys`) at start-up and a schema only when it lints an AsyncAPI
 * document, which this engine never does. Each schema becomes an enumerable getter, in the same order, that
 * requires its file on first read (~50–80 ms and a few MB of heap per worker).
 */
export function lazyAsyncApiSpecs(source) {
  const entry = /^(\s*)'([^']+)': require\('(\.\/schemas\/[^']+\.json)'\),$/gm;
  let count = 0;
  const out = source.replace(entry, (_, indent, version, file) => {
    count++;
    return `${indent}get '${version}'() { return require('${file}'); },`;
  });
  if (count === 0 || /require\(/.test(out.replace(/get '[^']+'\(\) \{ return require\('[^']+'\); \},/g, ''))) {
    throw new Error('@asyncapi/specs changed: the build no longer finds the code it patches');
  }
  return out;
}
