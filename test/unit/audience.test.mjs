import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import * as engine from '../../dist/engine.js';
import { fixturePath } from './rules-lint-helper.mjs';

const { resolveOperationAudiences, documentAudience, isExternal, isInternal, invalidAudienceDeclarations } = engine;
const load = (relative) => parse(readFileSync(fixturePath(relative), 'utf8')); // JSON is YAML too
const summary = (entries) =>
  entries.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e.resolved.audience, e.resolved.source, e.resolved.detail]);

test('precedence: operation > path item > info, in document order', () => {
  assert.deepEqual(summary(resolveOperationAudiences(load('audience/precedence.yaml'), {})), [
    ['GET /a', 'external-partner', 'info', 'info.x-audience'],
    ['GET /b', 'company-internal', 'path', 'path item x-internal: true'],
    ['POST /b', 'external-public', 'operation', 'operation x-audience'],
    ['GET /c', 'company-internal', 'operation', 'operation x-internal: true'],
    ['PUT /c', 'external-public', 'operation', 'operation x-internal: false'],
    ['GET /d', 'component-internal', 'path', 'path item x-audience'],
  ]);
});

test('resolved entries carry kind and the operation JSON path', () => {
  const [first, second] = resolveOperationAudiences(load('audience/precedence.yaml'), {});
  assert.deepEqual(first.jsonPath, ['paths', '/a', 'get']);
  assert.equal(first.resolved.kind, 'external');
  assert.equal(second.resolved.kind, 'internal');
});

const REPO = '/repo';
const glob = (g, audience, extra = {}) => ({ glob: g, audience, origin: '/repo/.spectral.yaml', baseDir: REPO, ...extra });
const undeclared = load('audience/undeclared.yaml'); // GET /orders declares nothing, POST declares company-internal

const fileLevelCases = [
  {
    name: 'fallback when nothing applies',
    config: {},
    file: '/repo/x.yaml',
    expect: ['external-public', 'fallback', 'no audience declared: treated as external'],
  },
  {
    name: 'configured default',
    config: { defaultAudience: 'business-unit-internal' },
    file: '/repo/x.yaml',
    expect: ['business-unit-internal', 'default', 'configured default audience'],
  },
  {
    name: 'glob relative to baseDir beats the default; origin shown relative to baseDir',
    config: { defaultAudience: 'company-internal', audienceByGlob: [glob('apis/partner/**', 'external-partner')] },
    file: '/repo/apis/partner/orders.yaml',
    expect: ['external-partner', 'glob', 'glob apis/partner/** (.spectral.yaml)'],
  },
  {
    name: 'first matching glob wins',
    config: { audienceByGlob: [glob('apis/**/internal/**', 'component-internal'), glob('apis/**', 'external-public')] },
    file: '/repo/apis/billing/internal/ledger.yaml',
    expect: ['component-internal', 'glob', 'glob apis/**/internal/** (.spectral.yaml)'],
  },
  {
    name: 'non-matching glob falls through',
    config: { audienceByGlob: [glob('apis/partner/**', 'external-partner')] },
    file: '/repo/apis/public/a.yaml',
    expect: ['external-public', 'fallback', 'no audience declared: treated as external'],
  },
  {
    name: 'files outside baseDir never match',
    config: { audienceByGlob: [glob('**', 'company-internal')] },
    file: '/elsewhere/a.yaml',
    expect: ['external-public', 'fallback', 'no audience declared: treated as external'],
  },
  {
    name: 'dot directories match (dot: true)',
    config: { audienceByGlob: [glob('**/*.yaml', 'company-internal')] },
    file: '/repo/.internal/a.yaml',
    expect: ['company-internal', 'glob', 'glob **/*.yaml (.spectral.yaml)'],
  },
  {
    name: 'Windows paths',
    config: { audienceByGlob: [glob('apis/partner/**', 'external-partner', { baseDir: 'C:\\repo', origin: 'settings' })] },
    file: 'C:\\repo\\apis\\partner\\orders.yaml',
    expect: ['external-partner', 'glob', 'glob apis/partner/** (settings)'],
  },
  {
    name: 'without baseDir a glob matches the file name',
    config: { audienceByGlob: [{ glob: '*.internal.yaml', audience: 'component-internal', origin: '--audience-glob' }] },
    file: '/anywhere/orders.internal.yaml',
    expect: ['component-internal', 'glob', 'glob *.internal.yaml (--audience-glob)'],
  },
  {
    name: 'no file path: globs cannot apply',
    config: { audienceByGlob: [glob('**', 'company-internal')] },
    file: undefined,
    expect: ['external-public', 'fallback', 'no audience declared: treated as external'],
  },
];

for (const c of fileLevelCases) {
  test(`file-level audience: ${c.name}`, () => {
    const [get, post] = resolveOperationAudiences(undeclared, c.config, c.file);
    assert.deepEqual([get.resolved.audience, get.resolved.source, get.resolved.detail], c.expect);
    assert.equal(post.resolved.source, 'operation', 'an operation declaration still beats any glob/default');
  });
}

test('a document audience beats globs and defaults', () => {
  const config = { defaultAudience: 'company-internal', audienceByGlob: [glob('**', 'component-internal')] };
  const [entry] = resolveOperationAudiences(load('audience/root-audience.json'), config, '/repo/a.json');
  assert.deepEqual(
    [entry.resolved.audience, entry.resolved.source, entry.resolved.detail],
    ['business-unit-internal', 'info', 'root x-api-audience'],
  );
});

const documentCases = [
  [{ info: { 'x-audience': 'external-partner' }, 'x-audience': 'company-internal' }, ['external-partner', 'info.x-audience']],
  [{ info: { 'x-api-audience': 'component-internal' } }, ['component-internal', 'info.x-api-audience']],
  [{ info: {}, 'x-audience': 'company-internal' }, ['company-internal', 'root x-audience']],
  [{ info: { 'x-audience': 'public' }, 'x-api-audience': 'external-public' }, ['external-public', 'root x-api-audience']],
  [{ info: { 'x-audience': 'public' } }, undefined],
  [null, undefined],
];
for (const [data, expected] of documentCases) {
  test(`documentAudience(${JSON.stringify(data)})`, () => {
    const result = documentAudience(data);
    assert.deepEqual(result && [result.audience, result.detail], expected);
    if (result) assert.equal(result.source, 'info');
  });
}

test('isExternal / isInternal partition the audiences', () => {
  for (const a of engine.AUDIENCES) assert.notEqual(isExternal(a), isInternal(a), a);
  assert.deepEqual(engine.AUDIENCES.filter(isExternal), ['external-public', 'external-partner']);
});

test('invalid declarations are found wherever they are', () => {
  const found = invalidAudienceDeclarations(load('audience/invalid-values.yaml')).map((d) => d.jsonPath);
  assert.deepEqual(found, [
    ['info', 'x-audience'],
    ['paths', '/orders', 'x-audience'],
    ['paths', '/orders', 'get', 'x-internal'],
  ]);
});

test('documents without paths have no operations', () => {
  assert.deepEqual(resolveOperationAudiences({ openapi: '3.1.0', info: {} }, {}), []);
  assert.deepEqual(resolveOperationAudiences('not a document', {}), []);
});
