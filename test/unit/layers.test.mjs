// The layers hold by construction, checked on every import specifier (static, `export … from`, `import()`,
// `require()`; comments and strings ignored, as TypeScript's own pre-processor reads them):
// - server/src/engine/ is transport-free and I/O-free: it imports no editor or LSP package, no file system,
//   worker threads or child processes, and nothing outside server/src/engine/ (so neither the Node host and
//   workers in server/src/node/ nor the front ends). The I/O it needs comes through the injected EngineHost.
// - The rulesets/engine boundary: rule code imports only the engine's rule API (server/src/engine/rules-api.ts),
//   and nothing under server/src/engine/ imports rulesets/ (the composition root server/src/builtin-rules.ts
//   installs the built-in packs).
// - client/ (the VS Code extension) shares only server/src/protocol.ts with the server.
// - The two front ends, server/src/lsp/ and server/src/cli/, do not import each other.
// ESLint (eslint.config.mjs) reports the same boundaries in the editor; this test is what proves them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ts = createRequire(import.meta.url)('typescript');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function tsFiles(dir) {
  return readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(root, dir, f));
}

/** Every module specifier the file imports, re-exports, import()s or require()s. */
function importSpecifiers(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

const posix = (p) => p.split(path.sep).join('/');

/** Resolved targets, relative to the repository (no extension), of the file's relative imports. */
function relativeImports(file) {
  return importSpecifiers(readFileSync(file, 'utf8'))
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => posix(path.relative(root, path.resolve(path.dirname(file), spec))));
}

const isUnder = (target, dir) => target === dir || target.startsWith(`${dir}/`);

/** Packages the engine must never import: editors and LSP are the front ends' business, I/O is the host's. */
const ENGINE_FORBIDDEN_PACKAGES = [
  /^vscode$/,
  /^vscode-languageserver/,
  /^vscode-languageclient/,
  /^(node:)?fs(\/|$)/,
  /^(node:)?worker_threads$/,
  /^(node:)?child_process$/,
];

/** [file, import] pairs of the engine that break its layer (empty when the engine holds). */
function engineLayerViolations(files) {
  return files.flatMap(({ rel, text }) =>
    importSpecifiers(text)
      .filter((spec) =>
        spec.startsWith('.')
          ? !isUnder(posix(path.join(path.dirname(rel), spec)), 'server/src/engine')
          : ENGINE_FORBIDDEN_PACKAGES.some((re) => re.test(spec)),
      )
      .map((spec) => `${rel} → ${spec}`),
  );
}

const read = (file) => ({ rel: posix(path.relative(root, file)), text: readFileSync(file, 'utf8') });

test('server/src/engine/ imports no vscode/LSP package, no fs, worker_threads or child_process, nothing outside itself', () => {
  const files = tsFiles('server/src/engine').map(read);
  assert.ok(files.length > 50);
  assert.deepEqual(engineLayerViolations(files), []);
});

test('the engine layer check fails on each kind of violation (it can fail)', () => {
  const at = 'server/src/engine/fixes/plan.ts';
  const bad = [
    "import { readFile } from 'node:fs/promises';",
    "import * as fs from 'fs';",
    "import { Worker } from 'node:worker_threads';",
    "const { spawn } = require('child_process');",
    "import type { Connection } from 'vscode-languageserver/node';",
    "import * as vscode from 'vscode';",
    "export { createNodeHost } from '../../node/host';",
    "const host = await import('../../node');",
    "import { log } from '../../lsp/log';",
  ];
  for (const line of bad) assert.equal(engineLayerViolations([{ rel: at, text: line }]).length, 1, line);
  const fine = [
    "import * as nodePath from 'node:path';",
    "import { Linter } from '../linter';",
    "// import 'node:fs' in a comment",
    'const s = "require(\'fs\')";',
  ];
  assert.deepEqual(engineLayerViolations([{ rel: at, text: fine.join('\n') }]), []);
});

test('client/ imports nothing from the server but server/src/protocol.ts', () => {
  const files = tsFiles('client/src');
  assert.ok(files.length >= 5);
  const outside = files.flatMap((file) =>
    relativeImports(file)
      .filter((target) => !isUnder(target, 'client'))
      .map((target) => `${posix(path.relative(root, file))} → ${target}`),
  );
  assert.ok(
    outside.some((edge) => edge.endsWith('→ server/src/protocol')),
    'the client imports the protocol',
  );
  assert.deepEqual(
    outside.filter((edge) => !edge.endsWith('→ server/src/protocol')),
    [],
  );
});

test('the language server and the CLI do not import each other', () => {
  const crossing = (from, to) =>
    tsFiles(from).flatMap((file) =>
      relativeImports(file)
        .filter((target) => isUnder(target, to))
        .map((target) => `${posix(path.relative(root, file))} → ${target}`),
    );
  assert.deepEqual([...crossing('server/src/lsp', 'server/src/cli'), ...crossing('server/src/cli', 'server/src/lsp')], []);
});

test('nothing under server/src/engine/ imports rulesets/ or the composition root', () => {
  const files = tsFiles('server/src/engine');
  assert.ok(files.length > 20);
  const offenders = files.flatMap((file) =>
    relativeImports(file)
      .filter((target) => isUnder(target, 'rulesets') || target === 'server/src/builtin-rules')
      .map((target) => `${posix(path.relative(root, file))} → ${target}`),
  );
  assert.deepEqual(offenders, []);
});

test('rulesets/ imports from the engine only through server/src/engine/rules-api.ts', () => {
  const files = tsFiles('rulesets');
  assert.ok(files.length >= 8);
  const offenders = files.flatMap((file) =>
    relativeImports(file)
      .filter((target) => isUnder(target, 'server') && target !== 'server/src/engine/rules-api')
      .map((target) => `${path.relative(root, file)} → ${target}`),
  );
  assert.deepEqual(offenders, []);
});

test('rule modules are registered: every rules/*.ts is in the registry', () => {
  const registry = readFileSync(path.join(root, 'rulesets/exposure/registry.ts'), 'utf8');
  const modules = readdirSync(path.join(root, 'rulesets/exposure/rules')).filter((f) => f.endsWith('.ts'));
  assert.ok(modules.length >= 5);
  for (const file of modules)
    assert.match(registry, new RegExp(`from './rules/${file.replace(/\.ts$/, '')}'`), `${file} is imported by registry.ts`);
});
