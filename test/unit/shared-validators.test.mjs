// One ajv validator for schemas alike but for their root annotations (server/src/engine/memo/shared-validators.ts).
// The key must tell apart every pair ajv could treat differently, and a shared validator must answer as the
// schema's own: checked against ajv itself, set up as Spectral sets it up, on random schemas and values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { prng } from '../bench/generate-spec.mjs';

const require = createRequire(import.meta.url);
const { sharedValidatorKey, compileShared } = loadTypeScriptModule('server/src/engine/memo/shared-validators.ts');

const circular = { type: 'object' };
circular.properties = { self: circular };

const SAME = [
  ['root descriptions', { type: 'string', description: 'A' }, { type: 'string', description: 'B' }],
  ['root titles', { type: 'integer', title: 'A', minimum: 0 }, { type: 'integer', minimum: 0, title: 'B' }],
  ['root examples', { type: 'string', example: 'a' }, { type: 'string', example: 12 }],
  ['root x- keys', { type: 'string', 'x-order': 1 }, { type: 'string', 'x-note': { any: 'thing' } }],
  ['an annotation or none', { type: 'string', format: 'email', description: 'mail' }, { type: 'string', format: 'email' }],
  [
    'a property named id',
    { type: 'object', properties: { id: { type: 'integer' } }, description: 'A' },
    { type: 'object', properties: { id: { type: 'integer' } } },
  ],
];

const DIFFERENT = [
  ['a non-string description (meta-invalid)', { type: 'string', description: 5 }, { type: 'string', description: 'five' }],
  ['a non-string title', { type: 'string', title: ['a'] }, { type: 'string', title: 'a' }],
  [
    'nested descriptions (maybe property names)',
    { type: 'object', properties: { description: { type: 'string' } } },
    { type: 'object', properties: { title: { type: 'string' } } },
  ],
  [
    'nested annotations',
    { type: 'object', properties: { a: { type: 'string', description: 'A' } } },
    { type: 'object', properties: { a: { type: 'string', description: 'B' } } },
  ],
  [
    'a $ref keeps its annotations',
    { $ref: '#/x-defs/a', 'x-defs': { a: { type: 'string' } } },
    { $ref: '#/x-defs/a', 'x-defs': { a: { type: 'integer' } } },
  ],
  ['a default', { type: 'string', default: 'a' }, { type: 'string', default: 'b' }],
  ['validation keywords', { type: 'string', maxLength: 3 }, { type: 'string', maxLength: 4 }],
];

const UNSHAREABLE = [
  ['a $id', { $id: 'https://example.com/a', type: 'string' }],
  ['a draft-4 id below the root', { type: 'object', properties: { a: { id: 'a', type: 'string' } } }],
  ['an $anchor', { type: 'object', $defs: { a: { $anchor: 'a' } } }],
  ['a circular object', circular],
  ['an array', [{ type: 'string' }]],
  ['no object', 'string'],
];

for (const [name, a, b] of SAME) {
  test(`shared validator key: ${name} share one`, () => {
    const key = sharedValidatorKey(a);
    assert.equal(typeof key, 'string');
    assert.equal(sharedValidatorKey(b), key);
  });
}
for (const [name, a, b] of DIFFERENT) {
  test(`shared validator key: ${name} do not`, () => {
    assert.notEqual(sharedValidatorKey(a), sharedValidatorKey(b));
    assert.equal(typeof sharedValidatorKey(a), 'string');
  });
}
for (const [name, schema] of UNSHAREABLE) {
  test(`shared validator key: ${name} is never shared`, () => assert.equal(sharedValidatorKey(schema), undefined));
}

// ajv as @stoplight/spectral-functions creates it (schema/ajv.js): draft-4 for OpenAPI 3.0, 2020-12 for 3.1.
const Ajv04 = require('ajv-draft-04');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');
function spectralAjv(Ajv) {
  const ajv = new Ajv({
    allErrors: false,
    meta: true,
    messages: true,
    strict: false,
    allowUnionTypes: true,
    logger: false,
    unicodeRegExp: false,
  });
  addFormats(ajv);
  return ajv;
}

const pick = (random, items) => items[Math.floor(random() * items.length)];

function randomSchema(random, depth = 0) {
  const type = pick(
    random,
    depth > 1 ? ['string', 'integer', 'number', 'boolean'] : ['string', 'integer', 'number', 'boolean', 'object', 'array'],
  );
  const schema = { type };
  if (type === 'string' && random() < 0.5) schema.format = pick(random, ['email', 'date-time', 'uri', 'uuid', 'date']);
  if (type === 'string' && random() < 0.3) schema.enum = ['a', 'b', 'c'].slice(0, 1 + Math.floor(random() * 3));
  if (type === 'string' && random() < 0.3) schema.maxLength = Math.floor(random() * 5);
  if ((type === 'integer' || type === 'number') && random() < 0.5) schema.minimum = Math.floor(random() * 4) - 2;
  if (random() < 0.3) schema.nullable = true;
  if (type === 'object') {
    schema.properties = { a: randomSchema(random, depth + 1), description: randomSchema(random, depth + 1) };
    if (random() < 0.5) schema.required = ['a'];
  }
  if (type === 'array') schema.items = randomSchema(random, depth + 1);
  return schema;
}

/** The same schema with other root annotations: what the key ignores. */
function reannotated(random, schema) {
  const copy = structuredClone(schema);
  if (random() < 0.7) copy.description = pick(random, ['one', 'two', '']);
  if (random() < 0.5) copy.title = pick(random, ['T', 'U']);
  if (random() < 0.7) copy.example = pick(random, [1, 'x', null, { a: 1 }]);
  if (random() < 0.5) copy['x-note'] = pick(random, [true, 'n', [1]]);
  return copy;
}

const VALUES = [
  null,
  0,
  -1,
  1.5,
  3,
  'a',
  'c',
  'someone@example.com',
  '2026-12-03',
  '2026-12-03T10:00:00Z',
  'https://x.y',
  'not an email',
  '',
  true,
  [],
  ['a', 'd'],
  [1, 2],
  {},
  { a: 'a' },
  { a: 1, description: 'x' },
  { description: 2 },
];

function outcome(validate, value) {
  const valid = validate(value);
  return { valid, errors: validate.errors ?? null };
}

for (const [dialect, Ajv] of [
  ['draft-04 (OpenAPI 3.0)', Ajv04],
  ['2020-12 (OpenAPI 3.1)', Ajv2020],
]) {
  test(`a shared validator answers as each schema's own compiled validator, ${dialect}`, () => {
    const random = prng(dialect.length * 7919);
    const sharedAjv = spectralAjv(Ajv);
    let shared = 0;
    for (let round = 0; round < 60; round++) {
      const base = randomSchema(random);
      const variants = [base, reannotated(random, base), reannotated(random, base)];
      for (const schema of variants) {
        const own = spectralAjv(Ajv).compile(structuredClone(schema));
        const reused = compileShared(sharedAjv, schema);
        if (reused !== own && schema !== base) shared++;
        for (const value of VALUES) {
          assert.deepEqual(outcome(reused, value), outcome(own, value), `${JSON.stringify(schema)} on ${JSON.stringify(value)}`);
        }
      }
    }
    assert.ok(shared > 0);
  });
}

test('compileShared compiles each distinct schema once per ajv instance, and again after a compile error', () => {
  const calls = [];
  const ajv = {
    compile(schema) {
      calls.push(schema);
      if (schema.broken) throw new Error('schema is invalid');
      return () => true;
    },
  };
  const first = compileShared(ajv, { type: 'string', description: 'a' });
  assert.equal(compileShared(ajv, { type: 'string', description: 'b', example: 1 }), first);
  assert.notEqual(compileShared(ajv, { type: 'integer' }), first);
  assert.throws(() => compileShared(ajv, { broken: true, description: 'x' }), /invalid/);
  assert.throws(() => compileShared(ajv, { broken: true, description: 'y' }), /invalid/);
  const other = { compile: ajv.compile };
  compileShared(other, { type: 'string' });
  assert.equal(calls.length, 5, 'the second string schema and nothing else reused a validator');
});
