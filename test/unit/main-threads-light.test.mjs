// The CLI and the language server lint in worker threads; their main threads choose files, talk to the workers,
// write reports or answer the editor. They must not load the engine's heavy half (Spectral, its rulesets, ajv,
// rollup, undici) up front: ~40 MB and ~0.4 s per process (docs/benchmarks.md), in a thread that does not lint.
// What needs it there loads it with import() when it runs: the CLI's diff and report, --changed-since's root
// search, --fix, SARIF's rule descriptions, the server's reverse $ref index (on the first root met) and its
// in-process backend (tests). The lint worker itself loads the tooling of ruleset files (migrator, rollup) for the
// first ruleset file it meets. Checked on what esbuild bundles: the modules reachable from each entry point without
// an import(). Those import()s go into a bundle of their own (scripts/build.mjs): the last test checks the bundles
// as built; test/unit/cli-launch.test.mjs and test/lsp/main-thread-engine.test.mjs, which runs load them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const HEAVY = [
  '@stoplight/spectral-core',
  '@stoplight/spectral-rulesets',
  '@stoplight/spectral-functions',
  '@stoplight/spectral-ruleset-bundler',
  'ajv',
  'rollup',
  'undici',
  'nimma',
];

/** Packages (and first-party files) loaded when the entry point is, before any import() runs. */
async function loadedAtStart(entry) {
  const { metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    outfile: 'out.js',
    mainFields: ['module', 'main'],
    external: ['fsevents'],
    alias: { 'nimma/legacy': './server/src/engine/walk/memo-nimma.ts' },
    logLevel: 'error',
  });
  const reached = new Set([entry]);
  const stack = [entry];
  while (stack.length > 0) {
    for (const imported of metafile.inputs[stack.pop()]?.imports ?? []) {
      if (imported.kind === 'dynamic-import' || reached.has(imported.path)) continue;
      reached.add(imported.path);
      stack.push(imported.path);
    }
  }
  return reached;
}

const packagesOf = (files) => new Set([...files].map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean));

for (const [thread, entry] of [
  ["the CLI's main thread", 'server/src/cli/main.ts'],
  ["the language server's thread", 'server/src/lsp/main.ts'],
]) {
  test(`${thread} loads none of the engine's heavy dependencies at start`, async () => {
    const packages = packagesOf(await loadedAtStart(entry));
    assert.deepEqual(
      HEAVY.filter((name) => packages.has(name)),
      [],
    );
  });
}

const LINTING = ['@stoplight/spectral-core', '@stoplight/spectral-rulesets', '@stoplight/spectral-functions', 'ajv', 'nimma'];
// Needed only for a ruleset file (YAML/JSON migrated, then bundled) or a fetch: loaded by the worker when it meets one.
const RULESET_FILES_AND_FETCH = ['@stoplight/spectral-ruleset-migrator', '@stoplight/spectral-ruleset-bundler', 'rollup', 'undici'];

test('the lint worker starts with what every lint needs, and without the tooling of ruleset files and fetches', async () => {
  const packages = packagesOf(await loadedAtStart('server/src/node/worker/main.ts'));
  // The check sees what is loaded: Spectral and its rulesets are, in the thread that lints.
  assert.deepEqual(
    LINTING.filter((name) => !packages.has(name)),
    [],
  );
  assert.deepEqual(
    RULESET_FILES_AND_FETCH.filter((name) => packages.has(name)),
    [],
  );
});

// Names of Spectral's core, its OAS ruleset and the engine's shared validators, kept by the whitespace-only minification.
const ENGINE_MARKERS = ['createRulesetFunction', 'oasExample', 'compileShared'];
for (const [main, engine] of [
  ['cli.js', 'cli-engine.js'],
  ['server-main.js', 'server-engine.js'],
]) {
  test(`dist/${main} holds none of the engine's code, dist/${engine} all of it`, () => {
    const bundle = (name) => readFileSync(path.join('dist', name), 'latin1');
    const [mainText, engineText] = [bundle(main), bundle(engine)];
    for (const marker of ENGINE_MARKERS) {
      assert.ok(!mainText.includes(marker), `dist/${main} has ${marker}`);
      assert.ok(engineText.includes(marker), `dist/${engine} lacks ${marker}`);
    }
  });
}
