// Spectral maps each result of a rule run on the resolved tree back to where it is written and prints it, then
// drops the duplicates; the build (scripts/build.mjs, spectral-results-mapped-once) makes it follow each local
// $ref step once per document and skip a result made of what an earlier one was made of. The findings must stay
// Spectral's own (compared here on a document full of $ref chains, escaped keys, circular and external refs), and
// a result met again through another path to the same written place must no longer be mapped and printed again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { engine, trusted, workspace } from './helpers/engine.mjs';
import { ourFindings, spectralFindings } from './helpers/spectral-reference.mjs';

// Level (an integer enum of strings: typed-enum reports each value) is reached through many paths once resolved.
const API = `openapi: 3.0.3
info: { title: Shared enums, version: '1', description: Enums everywhere, contact: { name: Team, url: https://example.com } }
servers: [{ url: https://api.example.com }]
tags: [{ name: pets, description: Pets }]
paths:
  /a~b/{id}:
    get:
      operationId: getAB
      description: One
      tags: [pets]
      parameters: [{ name: id, in: path, required: true, schema: { $ref: '#/components/schemas/Level' } }]
      responses:
        '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
  /c%20d/ünï:
    post:
      operationId: postCD
      description: Two
      tags: [pets]
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Pets' } } } }
      responses:
        '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Alias' } } } }
  /e:
    get:
      operationId: getE
      description: Three
      tags: [pets]
      responses:
        '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Remote' } } } }
components:
  schemas:
    Level: { type: integer, enum: [low, high] }
    Alias: { $ref: '#/components/schemas/Pet' }
    Pet:
      type: object
      properties:
        level: { $ref: '#/components/schemas/Level' }
        we/ird~key: { $ref: '#/components/schemas/Level' }
        inline: { type: integer, enum: [x] }
        self: { $ref: '#/components/schemas/Pet' }
        remote: { $ref: './common.yaml#/Code' }
    Pets: { type: array, items: { $ref: '#/components/schemas/Alias' } }
    Remote: { type: object, properties: { code: { $ref: './common.yaml#/Code' }, wrapped: { $ref: './common.yaml#/Wrapped' } } }
`;
const COMMON = `Code: { type: string, enum: [1, 2] }
Wrapped: { type: object, properties: { level: { $ref: '#/Code' } } }
`;

test('findings on shared, chained, escaped, circular and external $refs are Spectral’s own', async () => {
  const root = workspace({ 'api.yaml': API, 'common.yaml': COMMON });
  const file = path.join(root, 'api.yaml');
  const text = readFileSync(file, 'utf8');
  const expected = await spectralFindings(file, text);
  assert.ok(expected.filter((f) => f.startsWith('typed-enum')).length >= 5, expected.join('\n'));
  const result = await new engine.Linter(engine.createNodeHost()).lint({
    filePath: file,
    text,
    trust: { ...trusted, allowedRoots: [root] },
    rulesetFile: 'api-exposure-lint:recommended',
  });
  assert.deepEqual(ourFindings(result), expected);
});

// A rule reporting every enum it meets in the resolved tree, and counting what Spectral does with each result: the
// range lookups of the document and the refMap keys looked up while mapping a result to its written place.
const COUNTING_FUNCTION = `module.exports = (input, options, context) => {
  const counts = (globalThis.__resultsOnceCounts ??= { levelResults: 0, ranges: {}, keys: {} });
  if (input.enum[0] === 'low') counts.levelResults += 1;
  const { document, documentInventory } = context;
  if (!document.__counted) {
    document.__counted = true;
    const getRange = document.getRangeForJsonPath.bind(document);
    document.getRangeForJsonPath = (path, ...rest) => {
      const key = path.join('/');
      counts.ranges[key] = (counts.ranges[key] ?? 0) + 1;
      return getRange(path, ...rest);
    };
    const node = documentInventory.graph.getNodeData(documentInventory.source);
    node.refMap = new Proxy(node.refMap, {
      has(target, key) {
        counts.keys[key] = (counts.keys[key] ?? 0) + 1;
        return Reflect.has(target, key);
      },
    });
  }
  return [{ message: 'an enum' }];
};
`;

test('a result met again through another path to the same written place is not mapped and printed again', async () => {
  const root = workspace({
    'api.yaml': API,
    'common.yaml': COMMON,
    'functions/countingEnum.js': COUNTING_FUNCTION,
    '.spectral.yaml':
      'functions: [countingEnum]\nrules:\n  every-enum:\n    given: $..[?(@ && @.enum)]\n    then: { function: countingEnum }\n',
  });
  delete globalThis.__resultsOnceCounts;
  const file = path.join(root, 'api.yaml');
  const result = await new engine.Linter(engine.createNodeHost()).lint({
    filePath: file,
    text: readFileSync(file, 'utf8'),
    trust: { ...trusted, allowedRoots: [root] },
  });
  const written = result.findings
    .filter((f) => f.code === 'every-enum')
    .map((f) => f.path.join('/'))
    .sort();
  assert.ok(written.includes('components/schemas/Level'), written.join('\n'));
  assert.ok(written.includes('components/schemas/Pet/properties/inline'), written.join('\n'));
  const counts = globalThis.__resultsOnceCounts;
  assert.ok(counts, 'the counting rule ran');
  // Level is met under the parameter and under Pet's two properties wherever Pet is used (the 200 responses, the
  // array items, Alias): many results, one finding. Its range is looked up once by Spectral, once for the
  // finding's key range (key-ranges.ts), not once per result.
  assert.ok(counts.levelResults > 2, JSON.stringify(counts));
  assert.ok(counts.ranges['components/schemas/Level'] <= 2, JSON.stringify(counts.ranges));
  assert.ok(counts.ranges['components/schemas/Pet/properties/inline'] <= 2, JSON.stringify(counts.ranges));
  // Every result under Pet steps from Pet's properties to `level` once for the whole run.
  assert.equal(counts.keys['#/components/schemas/Pet/properties/level'], 1, JSON.stringify(counts.keys));
});
