// Examples validated without compiling a validator (server/src/engine/memo/plain-schema-validator.ts): every answer
// must be ajv's, as Spectral sets ajv up (its own createAjvInstances, every dialect, with and without allErrors), and
// a schema ajv refuses to compile must never be answered (its "schema is invalid" finding would be lost).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { prng } from '../bench/generate-spec.mjs';

const require = createRequire(import.meta.url);
const { plainValidatorFor, isPlainData } = loadTypeScriptModule('server/src/engine/memo/plain-schema-validator.ts');
const { validatorFor, sharedValidatorStats } = loadTypeScriptModule('server/src/engine/memo/shared-validators.ts');
// Spectral's own ajv set-up (unpatched, from node_modules): draft-04 for OpenAPI 3.0, 2020-12 for 3.1, `auto`
// (draft-07) for a document of no known format, 2019-09 for a `jsonSchemaDialect` that says so.
const { createAjvInstances } = require('@stoplight/spectral-functions/dist/schema/ajv.js');
const DIALECTS = ['draft4', 'auto', 'draft2019-09', 'draft2020-12'];
// One set of instances for the whole file (a new ajv instance compiles its meta-schema again: seconds per test);
// each schema is compiled from a copy, so nothing cached for one schema object answers for another.
const compileWithSpectralAjv = createAjvInstances();

/**
 * ajv's answers for `schema`, each dialect and error mode, compiled once: a function of the value giving one answer
 * per mode, 'throws' where ajv refuses to compile the schema.
 */
function ajvAnswersFor(schema) {
  const validators = [];
  for (const dialect of DIALECTS) {
    for (const allErrors of [false, true]) {
      try {
        validators.push(compileWithSpectralAjv(structuredClone(schema), dialect, allErrors));
      } catch {
        validators.push('throws');
      }
    }
  }
  return (value) => validators.map((validate) => (validate === 'throws' ? 'throws' : validate(value) === true));
}

function assertAnswersAsAjv(schema, values) {
  const plain = plainValidatorFor(schema);
  assert.equal(typeof plain, 'function', `${JSON.stringify(schema)} should be answered without ajv`);
  const ajvAnswers = ajvAnswersFor(schema);
  for (const value of values) {
    const expected = ajvAnswers(value);
    assert.ok(!expected.includes('throws'), `ajv refuses ${JSON.stringify(schema)}, which was answered`);
    assert.ok(
      expected.every((answer) => answer === expected[0]),
      `the dialects disagree on ${JSON.stringify(schema)}: not plain`,
    );
    assert.equal(plain(value), expected[0], `${JSON.stringify(schema)} on ${JSON.stringify(value)}`);
  }
}

const PLAIN = [
  ['types', { type: 'integer' }, [1, 1.5, -0, 1e21, '1', null, true, [], {}]],
  ['union types', { type: ['string', 'null'] }, ['a', null, 1]],
  ['nullable', { type: 'object', nullable: true }, [null, {}, [], 'x']],
  ['nullable false', { type: 'string', nullable: false }, [null, 'a']],
  ['number accepts integers', { type: 'number', minimum: 0.5, maximum: 10 }, [0, 0.5, 3, 10, 10.01, 'x']],
  ['enum of scalars', { enum: ['a', 1, null, true] }, ['a', 1, '1', null, true, false]],
  ['enum of objects', { enum: [{ a: [1, { b: 2 }] }, [1, 2]] }, [{ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }, [1, 2], [2, 1]]],
  ['const', { const: { a: 1 } }, [{ a: 1 }, { a: 1, b: 2 }, 1]],
  [
    'properties, required, additionalProperties false',
    {
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'integer' }, name: { type: 'string' } },
      additionalProperties: false,
    },
    [
      { id: 1, name: 'a' },
      { id: 1 },
      { id: 1, name: 'a', extra: 1 },
      { id: '1', name: 'a' },
      JSON.parse('{"id":1,"name":"a","__proto__":1}'),
      [],
    ],
  ],
  [
    'additionalProperties as a schema',
    { properties: { a: {} }, additionalProperties: { type: 'number' } },
    [{ a: 'x', b: 1 }, { a: 'x', b: 'y' }, {}, 'not an object'],
  ],
  ['a property named like an annotation', { properties: { description: { type: 'number' } } }, [{ description: 1 }, { description: 'x' }]],
  [
    'items',
    { type: 'array', items: { type: 'string', minLength: 2 }, minItems: 1, maxItems: 2 },
    [['ab'], [], ['ab', 'cd', 'ef'], ['a'], 'ab'],
  ],
  [
    'uniqueItems',
    { uniqueItems: true },
    [[1, 2], [1, 1], [{ a: 1 }, { a: 1 }], [{ a: 1 }, { a: 2 }], ['1', 1], [null, null], [true, 'true'], 'x'],
  ],
  ['a long enum of scalars', { enum: Array.from({ length: 1000 }, (_, i) => (i % 2 ? i : `v${i}`)) }, [999, 'v998', 'v999', '999', 1000]],
  ['string lengths count code points', { minLength: 2, maxLength: 2 }, ['ab', 'a', '😀😀', '😀', 'abc', 5]],
  ['object sizes', { minProperties: 1, maxProperties: 2 }, [{}, { a: 1 }, { a: 1, b: 2, c: 3 }, []]],
  ['pattern, without the u flag', { pattern: '^[\\w-.]+$' }, ['a-b.c', 'a b', 3]],
  ['pattern not anchored', { pattern: 'b' }, ['abc', 'xyz']],
  ['a \\Z in a pattern, two characters without the u flag', { pattern: 'a\\Z' }, ['aZ', 'a']],
  [
    'formats',
    { type: 'object', properties: { d: { format: 'date-time' }, m: { format: 'email' }, u: { format: 'uuid' }, i: { format: 'int32' } } },
    [
      { d: '2026-12-05T10:00:00Z', m: 'a@b.co', u: '123e4567-e89b-12d3-a456-426614174000', i: 5 },
      { d: '2026-13-05T10:00:00Z' },
      { m: 'nope' },
      { u: 'x' },
      { i: 2 ** 31 },
      { i: 'not a number: a number format ignores it' },
      { d: 5 },
    ],
  ],
  ['an unknown format is ignored', { type: 'string', format: 'markdown' }, ['anything', 1]],
  ['byte, twice in a row (its regex is global)', { format: 'byte' }, ['aGVsbG8=', 'aGVsbG8=', '***']],
  ['allOf', { allOf: [{ type: 'integer' }, { minimum: 3 }] }, [3, 2, 3.5]],
  ['anyOf', { anyOf: [{ type: 'string' }, { type: 'integer' }] }, ['a', 1, 1.5]],
  ['oneOf', { oneOf: [{ type: 'number' }, { type: 'integer' }] }, [1.5, 1, 'x']],
  ['not', { not: { type: 'null' } }, [null, 0]],
  [
    'annotations everywhere',
    {
      type: 'object',
      title: 'T',
      description: 'D',
      example: { any: 'thing' },
      examples: [1],
      default: 3,
      deprecated: true,
      readOnly: false,
      writeOnly: false,
      $comment: 'c',
      externalDocs: { url: 'https://x.y' },
      xml: { name: 'n' },
      discriminator: { propertyName: 'kind' },
      'x-anything': [1],
      properties: { kind: { type: 'string', description: 'K', example: 'k' } },
    },
    [{ kind: 'a' }, { kind: 1 }],
  ],
  ['the empty schema', {}, [1, null, { a: [] }]],
];

for (const [name, schema, values] of PLAIN) {
  test(`plain schema validator: ${name}, as ajv answers`, () => assertAnswersAsAjv(schema, values));
}

const circular = { type: 'object' };
circular.properties = { self: circular };

// Not answered: ajv refuses some (the finding Spectral reports must stay), the rest mean different things per draft
// or are not implemented here.
const DECLINED = [
  ['nullable without type (ajv throws)', { nullable: true }, true],
  ['type null with nullable false (ajv throws)', { type: 'null', nullable: false }, true],
  ['an unknown type (ajv throws)', { type: 'text' }, true],
  ['a non-boolean nullable (ajv throws)', { type: 'string', nullable: 'yes' }, true],
  ['an invalid pattern (ajv throws)', { pattern: '(' }, true],
  ['a non-string format (ajv throws)', { format: 5 }, true],
  ['a negative maxLength (meta-schema)', { maxLength: -1 }, true],
  ['a fractional minItems (meta-schema)', { minItems: 1.5 }, true],
  ['an empty enum (draft-04)', { enum: [] }, true],
  ['a non-array enum (ajv throws)', { enum: 'a' }, true],
  ['an empty required (draft-04)', { required: [] }, true],
  ['a required of numbers', { required: [1] }, true],
  ['a non-string description (meta-schema)', { description: 5 }, true],
  ['a non-boolean readOnly (draft-07 on)', { readOnly: 'yes' }, true],
  ['a non-array examples (draft-07 on)', { examples: 1 }, true],
  ['an empty allOf (meta-schema)', { allOf: [] }, true],
  ['a boolean subschema (draft-04)', { properties: { a: true } }, true],
  ['a $ref', { $ref: '#/definitions/a', definitions: { a: { type: 'string' } } }, false],
  ['exclusiveMinimum (boolean in draft-04, a number later)', { minimum: 1, exclusiveMinimum: true }, false],
  ['multipleOf', { multipleOf: 0.1 }, false],
  ['patternProperties', { patternProperties: { '^a': { type: 'string' } } }, false],
  ['tuple items', { items: [{ type: 'string' }] }, false],
  ['an $id', { $id: 'https://example.com/a', type: 'string' }, false],
  ['a property named like a prototype member', { required: ['constructor'] }, false],
  ['properties naming __proto__', JSON.parse('{"properties":{"__proto__":{"type":"string"}}}'), false],
  ['a format named like a prototype member', { format: 'toString' }, false],
  ['an unknown keyword', { if: { type: 'string' }, then: { minLength: 1 } }, false],
  ['a circular schema', circular, false],
  ['an undefined keyword value', { type: 'string', minLength: undefined }, false],
  ['a non-finite bound', { maximum: Infinity }, false],
  ['an enum of more objects than compared pairwise', { enum: Array.from({ length: 300 }, (_, i) => ({ i })) }, false],
  ['an enum with a duplicate scalar (draft-04)', { enum: ['a', 'b', 'a'] }, true],
  [
    'a schema that throws when read',
    Object.defineProperty({ type: 'string' }, 'minLength', {
      enumerable: true,
      get() {
        throw new Error('unreadable');
      },
    }),
    false,
  ],
];

for (const [name, schema, ajvRefusesIt] of DECLINED) {
  test(`plain schema validator declines ${name}`, () => {
    assert.equal(plainValidatorFor(schema), undefined);
    if (ajvRefusesIt) assert.ok(ajvAnswersFor(schema)('x').includes('throws'), 'ajv was expected to refuse this schema in some dialect');
  });
}

test('the walk uses the ajv and ajv-formats Spectral validates with (the same installed copies)', () => {
  const spectralFunctions = path.dirname(require.resolve('@stoplight/spectral-functions/package.json'));
  for (const name of ['ajv/dist/runtime/equal', 'ajv/dist/runtime/ucs2length', 'ajv-formats/dist/formats']) {
    assert.equal(require.resolve(name, { paths: [spectralFunctions] }), require.resolve(name), name);
  }
});

test('plain data: what JSON or YAML makes, nothing else', () => {
  for (const value of [null, 1, 'a', true, [1, [2]], { a: { b: [null] } }, Object.create(null)]) assert.equal(isPlainData(value), true);
  for (const value of [undefined, NaN, Infinity, new Date(0), [undefined], { a: () => 1 }, 1n, new Map()]) {
    assert.equal(isPlainData(value), false, String(value));
  }
  let deep = 1;
  for (let i = 0; i < 100; i++) deep = [deep];
  assert.equal(isPlainData(deep), false, 'too deep to walk');
});

test('uniqueItems on more objects than compared pairwise is left to ajv (false: ask ajv), scalars are answered', () => {
  const validate = plainValidatorFor({ uniqueItems: true });
  assert.equal(validate(Array.from({ length: 300 }, (_, i) => ({ i }))), false, 'too many objects to tell: ajv decides');
  assert.equal(validate(Array.from({ length: 5000 }, (_, i) => i)), true);
  assert.equal(validate([...Array.from({ length: 5000 }, (_, i) => i), 0]), false);
});

// Random schemas from the keywords above, some broken the ways ajv refuses, and random values: whenever a schema is
// answered, every dialect compiles it and agrees with the answer.
const pick = (random, items) => items[Math.floor(random() * items.length)];
const VALUES = [
  null,
  true,
  0,
  -1,
  2,
  2.5,
  1e3,
  '',
  'a',
  'ab',
  '😀',
  'a@b.co',
  '2026-12-05',
  [],
  [1, 1],
  ['a', 'b'],
  {},
  { a: 1 },
  { a: 'x', b: null },
];

function randomSchema(random, depth = 0) {
  const schema = {};
  const keywords = Math.floor(random() * 4);
  for (let i = 0; i < keywords; i++) {
    switch (
      pick(
        random,
        depth > 2
          ? ['type', 'enum', 'limit', 'format', 'annotation', 'broken']
          : ['type', 'enum', 'limit', 'format', 'annotation', 'broken', 'object', 'array', 'combine'],
      )
    ) {
      case 'type':
        schema.type =
          random() < 0.2
            ? pick(random, [
                ['string', 'null'],
                ['integer', 'number'],
              ])
            : pick(random, ['string', 'integer', 'number', 'boolean', 'object', 'array', 'null']);
        if (random() < 0.3) schema.nullable = random() < 0.8;
        break;
      case 'enum':
        if (random() < 0.5) schema.enum = [pick(random, VALUES), pick(random, VALUES)];
        else schema.const = pick(random, VALUES);
        break;
      case 'limit':
        schema[pick(random, ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'])] =
          Math.floor(random() * 3);
        if (random() < 0.2) schema.uniqueItems = true;
        if (random() < 0.2) schema.pattern = pick(random, ['^a', 'b$', '\\d']);
        break;
      case 'format':
        schema.format = pick(random, ['email', 'date', 'date-time', 'int32', 'uuid', 'unknown-format']);
        break;
      case 'annotation':
        Object.assign(schema, pick(random, [{ description: 'd' }, { example: [1] }, { 'x-a': 1 }, { readOnly: true }, { default: null }]));
        break;
      case 'broken':
        Object.assign(
          schema,
          pick(random, [
            { nullable: true },
            { enum: [] },
            { required: [] },
            { pattern: '(' },
            { minLength: -1 },
            { description: 1 },
            { exclusiveMaximum: 3 },
          ]),
        );
        break;
      case 'object':
        schema.properties = { a: randomSchema(random, depth + 1), b: randomSchema(random, depth + 1) };
        if (random() < 0.5) schema.required = pick(random, [['a'], ['a', 'b'], ['b']]);
        if (random() < 0.4) schema.additionalProperties = random() < 0.5 ? false : randomSchema(random, depth + 1);
        break;
      case 'array':
        schema.items = randomSchema(random, depth + 1);
        break;
      case 'combine':
        schema[pick(random, ['allOf', 'anyOf', 'oneOf'])] = [randomSchema(random, depth + 1), randomSchema(random, depth + 1)];
        if (random() < 0.3) schema.not = randomSchema(random, depth + 1);
        break;
    }
  }
  return schema;
}

test('plain schema validator: random schemas answer as ajv in every dialect, or are declined', () => {
  const random = prng(2026_12_05);
  let answered = 0;
  let declined = 0;
  for (let round = 0; round < 400; round++) {
    const schema = randomSchema(random);
    const plain = plainValidatorFor(schema);
    if (!plain) {
      declined++;
      continue;
    }
    answered++;
    const ajvAnswers = ajvAnswersFor(schema);
    for (const value of VALUES) {
      const expected = ajvAnswers(value);
      assert.ok(!expected.includes('throws'), `ajv refuses ${JSON.stringify(schema)}, which was answered`);
      for (const answer of expected) assert.equal(plain(value), answer, `${JSON.stringify(schema)} on ${JSON.stringify(value)}`);
    }
  }
  assert.ok(answered > 100 && declined > 20, `answered ${answered}, declined ${declined}: the generator must exercise both`);
});

test('validatorFor answers valid data without compiling, and gives ajv its errors for the rest', () => {
  const compiled = [];
  const ajv = {
    compile(schema) {
      compiled.push(schema);
      const validate = (data) => {
        validate.errors = typeof data === 'string' ? null : [{ message: 'must be string' }];
        return typeof data === 'string';
      };
      return validate;
    },
  };
  const before = sharedValidatorStats().answeredPlainly;
  const validate = validatorFor(ajv, { type: 'string', description: 'a' });
  assert.equal(validate('text'), true);
  assert.equal(validate.errors, null);
  assert.equal(compiled.length, 0, 'valid data needs no compiled validator');
  assert.equal(sharedValidatorStats().answeredPlainly, before + 1);
  assert.equal(validate(5), false);
  assert.deepEqual(validate.errors, [{ message: 'must be string' }]);
  assert.equal(validate(6), false);
  assert.equal(compiled.length, 1, 'compiled once, on the first invalid value');
  assert.equal(validate('again'), true);
  assert.equal(validate.errors, null, 'no stale errors after a valid value');

  // Data the walk cannot judge (a Date, an object that throws when read) goes to ajv even when the schema is plain.
  assert.equal(validatorFor(ajv, { type: 'integer' })(new Date(0)), false);
  const unreadable = Object.defineProperty({}, 'a', {
    enumerable: true,
    get() {
      throw new Error('unreadable');
    },
  });
  assert.equal(validatorFor(ajv, { type: 'object' })(unreadable), false, 'asked ajv (the stub says: not a string)');
  // A schema that is not plain is compiled at once, as before.
  const before2 = compiled.length;
  validatorFor(ajv, { $ref: '#/a' });
  assert.equal(compiled.length, before2 + 1);
});
