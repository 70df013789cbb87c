// Cache correctness: random (seeded) edit sequences on real-shaped specs. After every edit the findings
// of a long-lived linter (whose caches hold the previous versions' example validations) equal those of a
// cold, plain Spectral run on the new text. Edits: an example made invalid then valid again, a schema
// changed under unchanged examples, a $ref target edited, an operation moved, a security scheme renamed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { engine, repoRoot, trusted } from './helpers/engine.mjs';
import { ourFindings, spectralFindings } from './helpers/spectral-reference.mjs';
import { generateSpec, prng } from '../bench/generate-spec.mjs';

/** Every [parent, key] in the tree where `accept(key, value, parent)` holds. */
function find(node, accept, out = [], depth = 0) {
  if (!node || typeof node !== 'object' || depth > 40) return out;
  for (const [key, value] of Object.entries(node)) {
    if (accept(key, value, node)) out.push([node, key]);
    find(value, accept, out, depth + 1);
  }
  return out;
}

const WRONG = [42, 'not-a-number', true, null, { unexpected: 1 }, ['x']];

/** Each edit changes `doc` in place and returns a label, or undefined when it found nothing to change. */
const EDITS = {
  breakThenFixExample(doc, rnd, pending) {
    const spots = find(doc, (key, value) => key === 'example' && value !== undefined);
    if (spots.length === 0) return undefined;
    const [parent, key] = spots[Math.floor(rnd() * spots.length)];
    const original = structuredClone(parent[key]);
    parent[key] = WRONG[Math.floor(rnd() * WRONG.length)];
    pending.push(() => {
      parent[key] = original;
      return 'example made valid again';
    });
    return 'example made invalid';
  },
  changeSchemaUnderExamples(doc, rnd) {
    const spots = find(doc, (key, value) => key === 'type' && (value === 'string' || value === 'integer'));
    if (spots.length === 0) return undefined;
    const [parent, key] = spots[Math.floor(rnd() * spots.length)];
    const choice = rnd();
    if (choice < 0.4) parent[key] = parent[key] === 'string' ? 'integer' : 'string';
    else if (choice < 0.7) parent.maxLength = 1;
    else parent.enum = ['only-this'];
    return 'schema changed';
  },
  editRefTarget(doc, rnd) {
    const schemas = doc.components?.schemas ?? doc.definitions;
    const names = Object.keys(schemas ?? {});
    if (names.length === 0) return undefined;
    const target = schemas[names[Math.floor(rnd() * names.length)]];
    if (rnd() < 0.5) target.required = [...new Set([...(target.required ?? []), 'mandatoryField'])];
    else target.properties = { ...(target.properties ?? {}), extra: { type: 'integer', example: rnd() < 0.5 ? 1 : 'one' } };
    return '$ref target edited';
  },
  moveOperation(doc, rnd) {
    const paths = Object.keys(doc.paths ?? {});
    if (paths.length === 0) return undefined;
    const from = paths[Math.floor(rnd() * paths.length)];
    const to = `${from}-moved${Math.floor(rnd() * 1000)}`;
    const item = doc.paths[from];
    delete doc.paths[from];
    doc.paths[to] = item;
    return 'operation moved';
  },
  renameSecurityScheme(doc, rnd) {
    const schemes = doc.components?.securitySchemes ?? doc.securityDefinitions;
    const names = Object.keys(schemes ?? {});
    if (names.length === 0) return undefined;
    const from = names[Math.floor(rnd() * names.length)];
    const to = `${from}Renamed`;
    schemes[to] = schemes[from];
    delete schemes[from];
    // Half the time the requirements follow the rename; otherwise they now name an undefined scheme.
    if (rnd() < 0.5) {
      for (const [parent, key] of find(doc, (k, v) => k === from && Array.isArray(v))) {
        parent[to] = parent[key];
        delete parent[key];
      }
    }
    return 'security scheme renamed';
  },
};

const BASES = [
  {
    name: 'shared-schemas.yaml',
    doc: () => parse(readFileSync(path.join(repoRoot, 'test/fixtures/examples-equivalence/shared-schemas-oas3.yaml'), 'utf8')),
    seed: 11,
  },
  { name: 'generated.json', doc: () => parse(generateSpec({ targetBytes: 25_000, seed: 3 }).text), seed: 29 },
  {
    name: 'swagger2.json',
    doc: () => JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/examples-equivalence/swagger2-examples.json'), 'utf8')),
    seed: 5,
  },
];
const STEPS = 10;

for (const base of BASES) {
  test(
    `${base.name}: after each of ${STEPS} random edits, the incremental findings equal a cold Spectral run`,
    { timeout: 600_000 },
    async () => {
      const rnd = prng(base.seed);
      const doc = base.doc();
      const file = path.join(repoRoot, 'test/fixtures/examples-equivalence', base.name);
      const render = () => (file.endsWith('.json') ? JSON.stringify(doc, null, 2) : stringify(doc));
      const linter = new engine.Linter(engine.createNodeHost());
      const lintNow = (text) =>
        linter.lint({ filePath: file, text, trust: trusted, rulesetFile: 'api-exposure-lint:recommended', timeoutMs: 600_000 });
      await lintNow(render()); // warm the caches with the first version
      const before = engine.exampleCacheStats();
      const pending = [];
      const applied = [];
      const names = Object.keys(EDITS);
      while (applied.length < STEPS) {
        const label =
          pending.length > 0 && rnd() < 0.5 ? pending.shift()() : EDITS[names[Math.floor(rnd() * names.length)]](doc, rnd, pending);
        if (!label) continue;
        applied.push(label);
        const text = render();
        assert.deepEqual(
          ourFindings(await lintNow(text)),
          await spectralFindings(file, text),
          `after edit ${applied.length} (${applied.join(' → ')})`,
        );
      }
      const after = engine.exampleCacheStats();
      assert.ok(after.sharedHits > before.sharedHits, 'unchanged examples were answered from the cross-run cache');
      assert.ok(after.misses > before.misses, 'changed examples and schemas were validated again');
    },
  );
}
