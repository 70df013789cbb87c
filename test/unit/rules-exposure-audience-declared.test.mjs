import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, fixturePath, lintFixture } from './rules-lint-helper.mjs';

const VALID = /use one of: external-public, external-partner, company-internal, business-unit-internal, component-internal$/;
const partnerGlob = {
  audienceByGlob: [
    {
      glob: 'apis/partner/**',
      audience: 'external-partner',
      origin: fixturePath('audience/.spectral.yaml'),
      baseDir: fixturePath('audience'),
    },
  ],
};

const cases = [
  {
    name: 'nothing declared: fallback to external-public, reported at info',
    fixture: 'audience/undeclared.yaml',
    expected: [
      [
        ['info'],
        /^The document declares no audience \(info\.x-audience\) and 1 of 2 operations has no x-audience of its own; operations are treated as external-public \(no audience declared\)$/,
      ],
    ],
  },
  {
    name: 'no info object: reported at the document root',
    fixture: 'audience/undeclared-no-info.json',
    expected: [[[], /and 1 of 1 operation has no x-audience of its own;/]],
  },
  { name: 'OAS 2.0', fixture: 'audience/oas2-undeclared.yaml', expected: [[['info'], /treated as external-public/]] },
  {
    name: 'a glob mapping applies: the message names it',
    fixture: 'audience/apis/partner/orders.yaml',
    config: partnerGlob,
    expected: [[['info'], /; the glob apis\/partner\/\*\* from \.spectral\.yaml applies external-partner$/]],
  },
  {
    name: 'a configured default applies',
    fixture: 'audience/undeclared.yaml',
    config: { defaultAudience: 'company-internal' },
    expected: [[['info'], /; the configured default audience company-internal applies$/]],
  },
  { name: 'document audience declared', fixture: 'audience/precedence.yaml', expected: [[['paths', '/d', 'get', 'x-audience'], VALID]] },
  { name: 'root x-api-audience counts as declared', fixture: 'audience/root-audience.json', expected: [] },
  { name: 'every operation declares its own', fixture: 'audience/all-declared.yaml', expected: [] },
  {
    name: 'invalid values are listed with the valid ones, and ignored for resolution',
    fixture: 'audience/invalid-values.yaml',
    expected: [
      [['info', 'x-audience'], /^x-audience "public" is not a valid audience; /],
      [['paths', '/orders', 'x-audience'], /^x-audience "internal" is not a valid audience; /],
      [['paths', '/orders', 'get', 'x-internal'], /^x-internal "yes" must be true or false$/],
      [['info'], /treated as external-public/],
    ],
  },
];

for (const c of cases) {
  test(`exposure-audience-declared: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'exposure-audience-declared' });
    for (const r of results) assert.equal(r.severity, 'warn');
  });
}

test('odd document shapes never crash the exposure rules', async () => {
  const results = await lintFixture('audience/odd-shapes.yaml');
  // x-audience as a list is invalid; the PUT is internal with broken security; the POST falls back to external.
  assert.ok(results.some((r) => r.code === 'exposure-audience-declared' && r.path.join('/') === 'paths//odd/post/x-audience'));
  assert.ok(results.some((r) => r.code === 'internal-permission-scopes' && r.path.join('/') === 'paths//odd/put'));
  assert.ok(results.some((r) => r.code === 'external-oauth2' && r.path.join('/') === 'paths//odd/post'));
});
