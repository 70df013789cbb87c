import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { engine, lintFixture } from './rules-lint-helper.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { exposureRuleset, EXPOSURE_RULES_META, EXPOSURE_RULE_CODES, DOCS_BASE_URL } = engine;

test('the ruleset, the codes and the metadata table agree', () => {
  assert.deepEqual(Object.keys(exposureRuleset.rules), [...EXPOSURE_RULE_CODES]);
  assert.deepEqual(Object.keys(EXPOSURE_RULES_META), [...EXPOSURE_RULE_CODES]);
  for (const code of EXPOSURE_RULE_CODES) {
    const rule = exposureRuleset.rules[code];
    const meta = EXPOSURE_RULES_META[code];
    assert.equal(meta.code, code);
    assert.equal(rule.severity, meta.severity);
    assert.equal(rule.documentationUrl, `${DOCS_BASE_URL}${code}.md`);
    assert.equal(rule.message, '{{error}}');
    assert.ok(meta.description.length > 10);
  }
});

test('every rule has its docs page with failing/passing examples and suppression', () => {
  for (const code of EXPOSURE_RULE_CODES) {
    const file = path.join(root, 'rulesets/docs', `${code}.md`);
    assert.ok(existsSync(file), file);
    const text = readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`^# ${code}`, 'm'));
    assert.match(text, /x-lint-ignore/);
    assert.match(text, /```yaml/);
  }
});

test('x-lint-ignore on an operation suppresses that rule only (through the Linter)', async () => {
  const findings = await lintFixture('code-samples/suppressed.yaml');
  assert.deepEqual(findings.map((f) => `${f.code} ${f.path.join(' ')}`), ['external-code-samples paths /kept get']);
});
