// The benchmark's spec generator must keep producing valid, realistic OpenAPI, or `npm run bench`
// silently measures something else. Small sizes only: this runs with the unit tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { engine, workspace, trusted } from './helpers/engine.mjs';
import { generateSpec, EDIT_MARKER } from '../bench/generate-spec.mjs';

const linter = new engine.Linter(engine.createNodeHost());
const lint = (text) => linter.lint({ filePath: path.join(workspace({}), 'generated.yaml'), text, trust: trusted });

for (const targetBytes of [5_000, 30_000]) {
  test(`a generated ~${targetBytes / 1000} KB spec is valid OpenAPI with external and internal operations`, async () => {
    const { text, editOffset } = generateSpec({ targetBytes, seed: 7 });
    assert.ok(text.length >= targetBytes, `at least the requested size (got ${text.length})`);
    assert.ok(text.length < targetBytes * 2 + 10_000, `not far over the requested size (got ${text.length})`);

    const result = await lint(text);
    assert.equal(result.isOpenApi, true);
    assert.deepEqual(
      result.findings.filter((f) => f.code === 'parser'),
      [],
      'it parses',
    );
    // The generator's only intended flaws are exposure gaps; anything else (a dangling $ref, a schema
    // error, an unused component) means it rotted.
    const unintended = result.findings.filter((f) => !engine.EXPOSURE_RULE_CODES.includes(f.code));
    assert.deepEqual(unintended, [], 'no spectral:oas findings');
    const kinds = new Set(result.operations.map((op) => op.resolved.kind));
    assert.deepEqual([...kinds].sort(), ['external', 'internal']);
    assert.ok(
      result.operations.every((op) => op.resolved.source === 'operation'),
      'every operation declares its audience',
    );

    // The benchmark types at editOffset: right after the marker, inside an operation's description.
    assert.equal(text.slice(editOffset - EDIT_MARKER.length, editOffset), EDIT_MARKER);
    const typed = await lint(text.slice(0, editOffset) + ' and more words' + text.slice(editOffset));
    assert.deepEqual(
      typed.findings.map((f) => f.code),
      result.findings.map((f) => f.code),
      'typing there keeps the document valid',
    );
  });
}

test('the generator is deterministic per seed', () => {
  assert.equal(generateSpec({ targetBytes: 20_000, seed: 1 }).text, generateSpec({ targetBytes: 20_000, seed: 1 }).text);
  assert.notEqual(generateSpec({ targetBytes: 20_000, seed: 1 }).text, generateSpec({ targetBytes: 20_000, seed: 2 }).text);
});
