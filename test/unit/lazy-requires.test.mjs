// Dependencies' HTTP client and AsyncAPI schemas are required where used, not at start-up (scripts/lazy-requires.mjs,
// applied by scripts/build.mjs): the transforms keep what the modules export and do, and the built engine loads
// none of Node's network modules until something is fetched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from './helpers/engine.mjs';
import { lazyAsyncApiSpecs, lazyNodeFetchInRefReaders, lazyNodeFetchInSpectralRuntime } from '../../scripts/lazy-requires.mjs';

const require = createRequire(import.meta.url);
const sourceOf = (file) => readFileSync(require.resolve(file), 'utf8');

/** Evaluates CommonJS `source` with a `require` that records its calls and answers from `modules` or the real one. */
function evaluate(source, file, modules = {}) {
  const calls = [];
  const realRequire = createRequire(require.resolve(file));
  const fakeRequire = (id) => {
    calls.push(id);
    return id in modules ? modules[id] : realRequire(id);
  };
  const module = { exports: {} };
  new Function('module', 'exports', 'require', source)(module, module.exports, fakeRequire);
  return { exports: module.exports, calls };
}

test('the built engine loads none of Node http, https, net, tls or zlib until something is fetched', () => {
  const loaded = execFileSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(path.join(repoRoot, 'dist/engine.js'))}); console.log(JSON.stringify(process.moduleLoadList))`],
    { encoding: 'utf8' },
  );
  const network = JSON.parse(loaded).filter((m) => /^NativeModule (http|https|_http_client|net|tls|zlib)$/.test(m));
  assert.deepEqual(network, []);
});

test('@asyncapi/specs: the same versions in the same order, each schema required on first read and equal to the original', () => {
  const file = '@asyncapi/specs/index.js';
  const original = require(file);
  const lazy = evaluate(lazyAsyncApiSpecs(sourceOf(file)), file);
  assert.deepEqual(lazy.calls, [], 'nothing is required when the module loads');
  for (const group of ['schemas', 'schemasWithoutId']) {
    assert.deepEqual(Object.keys(lazy.exports[group]), Object.keys(original[group]));
  }
  assert.deepEqual(lazy.exports.schemas['3.0.0'], original.schemas['3.0.0']);
  assert.deepEqual(lazy.calls, ['./schemas/3.0.0.json']);
  assert.equal(lazy.exports.schemasWithoutId['2.6.0'], original.schemasWithoutId['2.6.0']);
});

test('json-ref-readers and spectral-runtime require node-fetch on their first request, and call it as before', async () => {
  const seen = [];
  const fakeFetch = async (uri, options) => {
    seen.push([uri, options]);
    return { ok: true, status: 200, text: async () => 'body' };
  };
  const modules = { 'node-fetch': { __esModule: true, default: fakeFetch } };
  const readers = evaluate(
    lazyNodeFetchInRefReaders(sourceOf('@stoplight/json-ref-readers/http.js')),
    '@stoplight/json-ref-readers/http.js',
    modules,
  );
  const runtime = evaluate(
    lazyNodeFetchInSpectralRuntime(sourceOf('@stoplight/spectral-runtime/dist/fetch.js')),
    '@stoplight/spectral-runtime/dist/fetch.js',
    modules,
  );
  assert.ok(!readers.calls.includes('node-fetch') && !runtime.calls.includes('node-fetch'), 'not required at load');
  assert.equal(await readers.exports.resolveHttp({ href: () => 'https://example.com/a.yaml' }, { timeout: 1 }), 'body');
  const response = await runtime.exports.default('https://example.com/b.yaml', { method: 'GET' });
  assert.equal(response.status, 200);
  assert.deepEqual(seen, [
    ['https://example.com/a.yaml', { timeout: 1 }],
    ['https://example.com/b.yaml', { method: 'GET' }],
  ]);
  assert.ok(readers.calls.includes('node-fetch') && runtime.calls.includes('node-fetch'));
});

test('each transform fails the build when the dependency no longer has the code it patches', () => {
  assert.throws(() => lazyNodeFetchInRefReaders('module.exports = {};'), /json-ref-readers changed/);
  assert.throws(() => lazyNodeFetchInSpectralRuntime('module.exports = {};'), /spectral-runtime changed/);
  assert.throws(() => lazyAsyncApiSpecs("module.exports = { schemas: require('./all.json') };"), /asyncapi\/specs changed/);
});
