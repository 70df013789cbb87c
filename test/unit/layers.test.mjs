// The rulesets/engine boundary holds by construction: rule code imports only the engine's rule API
// (server/src/engine/rules-api.ts), and nothing under server/src/engine/ imports rulesets/ (the composition
// root server/src/builtin-rules.ts installs the built-in packs). Checked on the import specifiers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function tsFiles(dir) {
  return readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(root, dir, f));
}

/** [file, resolved import target relative to the repository] for every relative import. */
function relativeImports(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((m) => m[1] ?? m[2])
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.relative(root, path.resolve(path.dirname(file), spec)));
}

// Entry points that run in a thread of their own are composition roots: they may install the rule packs.
const ENTRY_POINTS = new Set(['server/src/engine/worker/main.ts']);

test('nothing under server/src/engine/ imports rulesets/ (entry points may import the composition root)', () => {
  const files = tsFiles('server/src/engine');
  assert.ok(files.length > 20);
  const offenders = files.flatMap((file) => {
    const rel = path.relative(root, file);
    return relativeImports(file)
      .filter((target) => target.startsWith('rulesets') || (target === 'server/src/builtin-rules' && !ENTRY_POINTS.has(rel)))
      .map((target) => `${rel} → ${target}`);
  });
  assert.deepEqual(offenders, []);
});

test('rulesets/ imports from the engine only through server/src/engine/rules-api.ts', () => {
  const files = tsFiles('rulesets');
  assert.ok(files.length >= 8);
  const offenders = files.flatMap((file) =>
    relativeImports(file)
      .filter((target) => target.startsWith('server') && target !== 'server/src/engine/rules-api')
      .map((target) => `${path.relative(root, file)} → ${target}`),
  );
  assert.deepEqual(offenders, []);
});

test('rule modules are registered: every rules/*.ts is in the registry', () => {
  const registry = readFileSync(path.join(root, 'rulesets/exposure/registry.ts'), 'utf8');
  const modules = readdirSync(path.join(root, 'rulesets/exposure/rules')).filter((f) => f.endsWith('.ts'));
  assert.ok(modules.length >= 5);
  for (const file of modules) assert.match(registry, new RegExp(`from './rules/${file.replace(/\.ts$/, '')}'`), `${file} is imported by registry.ts`);
});
