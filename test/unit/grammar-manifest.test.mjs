// The injection grammar is generated (syntaxes/generate-injection.mjs) and contributed in package.json:
// the committed JSON must be the generator's output, and the manifest must point at it correctly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { render, embeddedLanguages, CODE_SAMPLE_LANGUAGES, SCOPE_NAME, GRAMMAR_FILE } from '../../syntaxes/generate-injection.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

test('the committed grammar is what the generator produces (run node syntaxes/generate-injection.mjs)', () => {
  assert.equal(readFileSync(GRAMMAR_FILE, 'utf8'), render());
});

test('package.json contributes the injection into YAML and JSON with the embedded languages', () => {
  const grammars = pkg.contributes.grammars.filter((g) => g.scopeName === SCOPE_NAME);
  assert.equal(grammars.length, 1);
  const [grammar] = grammars;
  assert.ok(existsSync(path.join(root, grammar.path)), grammar.path);
  assert.equal(path.resolve(root, grammar.path), GRAMMAR_FILE);
  assert.deepEqual(grammar.injectTo.sort(), ['source.json', 'source.yaml']);
  assert.deepEqual(grammar.embeddedLanguages, embeddedLanguages());
});

test('every embedded grammar the injection includes is one of the code sample languages', () => {
  const includes = new Set([...readFileSync(GRAMMAR_FILE, 'utf8').matchAll(/"include": "(source\.[^"#]+)"/g)].map((m) => m[1]));
  assert.deepEqual([...includes].sort(), CODE_SAMPLE_LANGUAGES.map((l) => l.scope).sort());
  for (const required of ['source.shell', 'source.js', 'source.python', 'source.go', 'source.java'])
    assert.ok(includes.has(required), required);
});
