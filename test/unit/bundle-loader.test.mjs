// server/src/node/bundle-loader.ts loads dist/'s bundles with V8's code cache kept beside them. It must do exactly
// what `require` does (exports, __dirname, relative requires, module.exports replaced), use a cache only for the very
// build it was made from, survive a missing, corrupt or unwritable cache, and never leave a partial file. The real CLI
// makes the caches of its two bundles on its first run and gives the same results with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CJS_WRAPPER, CLI_V8_FLAGS, codeCacheFile, loadBundle, v8FlagsTagOf } from '../../dist/cli.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

function tempDir(t) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ael-bundle-loader-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A small CommonJS "bundle" that uses what a real one does, and a sibling it requires. */
function writeBundle(dir, { answer = 42, extra = '' } = {}) {
  writeFileSync(path.join(dir, 'sibling.js'), 'module.exports = { sibling: true };\n');
  const file = path.join(dir, 'bundle.js');
  writeFileSync(
    file,
    `"use strict";\n` +
      `const path = require('node:path');\n` +
      `function answer() { return ${answer}; }\n` +
      `module.exports = { answer, dir: __dirname, file: __filename, sibling: require('./sibling.js').sibling,\n` +
      `  sep: path.sep, self: module.filename, strict: (function () { return this === undefined; })() };${extra}\n`,
  );
  return file;
}

/** A bundle's exports without the function, which each load defines anew. */
const values = (exports) => ({ ...exports, answer: typeof exports.answer });
const cachesIn = (dir) => readdirSync(dir).filter((name) => name.includes('.code-cache'));
/** A bundle's code cache as the CLI names it (its V8 flags are in the name; this test process sets none). */
const cliCache = (bundle) => codeCacheFile(bundle, v8FlagsTagOf(CLI_V8_FLAGS));
const v8FlagsTag = () => v8FlagsTagOf(); // the language server's flags: the defaults

test('a bundle loads as require loads it; the cache is made once and then used', (t) => {
  const dir = tempDir(t);
  const file = writeBundle(dir);
  const expected = values(require(file));
  const first = loadBundle(file);
  assert.deepEqual(values(first.exports), expected);
  assert.equal(first.exports.answer(), 42);
  assert.equal(first.fromCache, false, 'no cache yet');
  assert.deepEqual(cachesIn(dir), [], 'nothing written before it is asked');
  first.saveCodeCache();
  assert.deepEqual(cachesIn(dir), [path.basename(codeCacheFile(file))]);
  first.saveCodeCache(); // once
  const second = loadBundle(file);
  assert.equal(second.fromCache, true, 'V8 took the cache');
  assert.deepEqual(values(second.exports), expected);
  assert.equal(second.exports.answer(), 42);
  second.saveCodeCache(); // compiled from the cache: nothing to write
  assert.equal(cachesIn(dir).length, 1);
});

test('module.exports replaced by the bundle is what the loader returns', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'replaced.js');
  writeFileSync(file, 'module.exports = function named() { return "me"; };\n');
  assert.equal(loadBundle(file).exports(), 'me');
});

test('a rebuilt bundle of the same length never runs with the previous build cache', (t) => {
  const dir = tempDir(t);
  const file = writeBundle(dir, { answer: 42 });
  loadBundle(file).saveCodeCache();
  const oldCache = codeCacheFile(file);
  writeBundle(dir, { answer: 17 }); // same length, new content
  utimesSync(file, new Date(), new Date(Date.now() + 5000)); // a build writes a new modification time
  assert.notEqual(codeCacheFile(file), oldCache);
  const rebuilt = loadBundle(file);
  assert.equal(rebuilt.fromCache, false);
  assert.equal(rebuilt.exports.answer(), 17);
});

test('a corrupt cache is rejected by V8, the bundle still runs, and the cache is made again', (t) => {
  const dir = tempDir(t);
  const file = writeBundle(dir);
  writeFileSync(codeCacheFile(file), Buffer.from('not a V8 code cache at all'));
  const loaded = loadBundle(file);
  assert.equal(loaded.fromCache, false);
  assert.equal(loaded.exports.answer(), 42);
  loaded.saveCodeCache();
  assert.equal(loadBundle(file).fromCache, true);
});

test('a cache that cannot be written is skipped without an error or a temporary file left', (t) => {
  const dir = tempDir(t);
  const file = writeBundle(dir);
  mkdirSync(codeCacheFile(file)); // a folder where the cache goes: the rename fails (as root, a read-only folder would not)
  const loaded = loadBundle(file);
  assert.equal(loaded.fromCache, false);
  loaded.saveCodeCache();
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.endsWith('.tmp')),
    [],
  );
  assert.equal(loadBundle(file).exports.answer(), 42);
});

test('a bundle that is not pure ASCII goes through require, uncached', (t) => {
  const dir = tempDir(t);
  const file = writeBundle(dir, { extra: '\nmodule.exports.word = "caf\u00e9";' });
  const loaded = loadBundle(file);
  assert.equal(loaded.exports.word, 'caf\u00e9', 'decoded as UTF-8, as require does');
  assert.equal(loaded.fromCache, false);
  loaded.saveCodeCache();
  assert.deepEqual(cachesIn(dir), []);
});

test("the CLI makes the code caches of its bundle and its worker on a first run, keeps them beside the language server's, and lints the same with them", async (t) => {
  // A copy of what bin/ runs, so that the repository's own caches are not touched while other tests run.
  const dir = tempDir(t);
  mkdirSync(path.join(dir, 'dist'));
  mkdirSync(path.join(dir, 'bin'));
  for (const name of ['cli-launch.js', 'cli.js', 'lint-worker.js', 'lint-worker-main.js']) {
    copyFileSync(path.join(repoRoot, 'dist', name), path.join(dir, 'dist', name));
  }
  copyFileSync(path.join(repoRoot, 'bin/api-exposure-lint.js'), path.join(dir, 'bin/api-exposure-lint.js'));
  const trace = path.join(repoRoot, 'test/unit/helpers/trace-cli-start.cjs');
  const run = () =>
    promisify(execFile)(
      process.execPath,
      [
        '--require',
        trace,
        path.join(dir, 'bin/api-exposure-lint.js'),
        '--format',
        'json',
        'examples/petstore-external.yaml',
        'examples/orders-internal.yaml',
      ],
      { cwd: repoRoot },
    ).catch((error) => error);
  const first = await run();
  assert.equal(first.code, 1, first.stderr);
  const caches = cachesIn(path.join(dir, 'dist')).sort();
  assert.deepEqual(
    caches,
    [cliCache(path.join(dir, 'dist/cli.js')), cliCache(path.join(dir, 'dist/lint-worker-main.js'))].map((f) => path.basename(f)).sort(),
  );
  // A cache V8 rejected would be written again under the same name: its modification time tells.
  const writtenAt = () => caches.map((name) => statSync(path.join(dir, 'dist', name)).mtimeMs);
  const firstWrites = writtenAt();
  // The language server's lint workers load the same worker bundle under other V8 flags (V8 rejects a cache made
  // under other flags): they make a cache of their own and leave the CLI's valid.
  const serverFlagsLint = await promisify(execFile)(
    process.execPath,
    [
      '-e',
      `const cli = require(${JSON.stringify(path.join(dir, 'dist/cli.js'))});
       cli.setProcessV8Flags();
       const linter = new cli.WorkerLinter({ workerScript: ${JSON.stringify(path.join(dir, 'dist/lint-worker.js'))} });
       const file = require('node:path').resolve('examples/petstore-external.yaml');
       const trust = { trustWorkspaceCode: false, allowRemote: false, allowedRoots: [] };
       linter.lint({ filePath: file, text: require('node:fs').readFileSync(file, 'utf8'), trust })
         .then((result) => { process.stdout.write(String(result.findings.length)); return linter.dispose(); });`,
    ],
    { cwd: repoRoot },
  );
  assert.ok(Number(serverFlagsLint.stdout) > 0, serverFlagsLint.stderr);
  const serverWorkerCache = path.basename(codeCacheFile(path.join(dir, 'dist/lint-worker-main.js'), v8FlagsTag()));
  assert.ok(!caches.includes(serverWorkerCache));
  const allCaches = [...caches, serverWorkerCache].sort();
  assert.deepEqual(cachesIn(path.join(dir, 'dist')).sort(), allCaches);
  const second = await run();
  assert.equal(second.code, 1, second.stderr);
  assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));
  assert.ok(JSON.parse(first.stdout).length > 0);
  assert.deepEqual(cachesIn(path.join(dir, 'dist')).sort(), allCaches, 'the second run used them and wrote nothing new');
  assert.deepEqual(writtenAt(), firstWrites, 'V8 took both caches (the worker one too): none was written again');
  const cliLoads = (outcome) =>
    JSON.parse(
      outcome.stderr
        .split('\n')
        .find((line) => line.startsWith('TRACE '))
        .slice('TRACE '.length),
    ).filter((e) => e.bundle === 'cli.js');
  assert.deepEqual(cliLoads(first), [{ bundle: 'cli.js', cached: false }]);
  assert.deepEqual(cliLoads(second), [{ bundle: 'cli.js', cached: true }]);
  assert.ok(readFileSync(cliCache(path.join(dir, 'dist/lint-worker-main.js'))).length > 100_000, 'the worker cache holds the lint code');
});

test('the language server makes its code cache on a first run and starts from it on the next', async (t) => {
  // V8 takes a cache only under the flags it was made with: the server sets its heap flag before its bundle compiles.
  const dir = path.join(tempDir(t), 'dist'); // the trace names bundles of a dist/ folder
  mkdirSync(dir);
  for (const name of ['server.js', 'server-main.js']) copyFileSync(path.join(repoRoot, 'dist', name), path.join(dir, name));
  const trace = path.join(repoRoot, 'test/unit/helpers/trace-cli-start.cjs');
  const start = async () => {
    // No client on stdin: the server starts, sees its input end and exits.
    const child = execFile(process.execPath, ['--require', trace, path.join(dir, 'server.js'), '--stdio']);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.stdin.end();
    await exited;
    const line = stderr.split('\n').find((l) => l.startsWith('TRACE '));
    assert.ok(line, stderr);
    return JSON.parse(line.slice('TRACE '.length)).filter((e) => e.bundle === 'server-main.js');
  };
  assert.deepEqual(await start(), [{ bundle: 'server-main.js', cached: false }]);
  assert.deepEqual(cachesIn(dir), [path.basename(codeCacheFile(path.join(dir, 'server-main.js'), v8FlagsTag()))]);
  assert.deepEqual(await start(), [{ bundle: 'server-main.js', cached: true }]);
});

test('an import() in a bundle loads as it does in a CommonJS module', async (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'esm.mjs'), 'export const answer = 7;\n');
  const file = path.join(dir, 'dynamic.js');
  writeFileSync(file, "module.exports = () => Promise.all([import('node:path'), import('./esm.mjs')]);\n");
  const [nodePath, esm] = await loadBundle(file).exports();
  assert.equal(nodePath.sep, path.sep);
  assert.equal(esm.answer, 7);
});

test('a bundle built wrapped (the server and worker bundles) loads as the same bundle unwrapped', (t) => {
  const dir = tempDir(t);
  const plain = writeBundle(dir);
  const wrapped = path.join(dir, 'wrapped.js');
  writeFileSync(wrapped, `${CJS_WRAPPER}\n${readFileSync(plain, 'utf8')}})\n//# sourceMappingURL=wrapped.js.map\n`);
  const expected = { ...values(loadBundle(plain).exports), dir, sibling: true };
  const first = loadBundle(wrapped);
  assert.deepEqual(values(first.exports), { ...expected, file: wrapped, self: wrapped });
  first.saveCodeCache();
  assert.equal(loadBundle(wrapped).fromCache, true);
});

test('the build wraps exactly the bundles only the loader loads, as the loader expects', () => {
  const startsWrapped = (name) => readFileSync(path.join(repoRoot, 'dist', name), 'latin1').startsWith(CJS_WRAPPER);
  for (const name of ['server-main.js', 'server-engine.js', 'lint-worker-main.js', 'cli-engine.js']) assert.ok(startsWrapped(name), name);
  // Required directly too (tests, the engine library, an editor's server.js): plain CommonJS.
  for (const name of ['cli.js', 'engine.js', 'server.js', 'lint-worker.js', 'cli-launch.js']) assert.ok(!startsWrapped(name), name);
});

test('under node --enable-source-maps, stack traces of a loaded bundle point at its sources, wrapped or not', async (t) => {
  const { build } = await import('esbuild');
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'boom.ts'), `export function boom(): never {\n  throw new Error('boom');\n}\n`);
  for (const [out, wrapper] of [
    ['plain.js', {}],
    ['wrapped.js', { banner: { js: CJS_WRAPPER }, footer: { js: '})' } }],
  ]) {
    await build({
      entryPoints: [path.join(dir, 'boom.ts')],
      outfile: path.join(dir, out),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      sourcemap: 'linked',
      logLevel: 'error',
      ...wrapper,
    });
  }
  const script = path.join(dir, 'run.cjs');
  writeFileSync(
    script,
    `const { loadBundle } = require(${JSON.stringify(path.join(repoRoot, 'dist/cli.js'))});\n` +
      `for (const name of ['plain.js', 'wrapped.js']) {\n` +
      `  try { loadBundle(require('node:path').join(__dirname, name), module).exports.boom(); }\n` +
      `  catch (error) { console.log(/\\((.*)\\)/.exec(error.stack.split('\\n')[1])[1]); }\n` +
      `}\n`,
  );
  const framesWith = async (flags) =>
    (await promisify(execFile)(process.execPath, [...flags, script], { cwd: dir })).stdout.trim().split('\n');
  const source = `${path.join(dir, 'boom.ts')}:2:9`;
  assert.deepEqual(await framesWith(['--enable-source-maps']), [source, source]);
  const bundled = await framesWith([]);
  assert.match(bundled[0], /plain\.js:\d+:\d+$/, 'without the flag: the bundle itself');
  assert.match(bundled[1], /wrapped\.js:\d+:\d+$/);
});
