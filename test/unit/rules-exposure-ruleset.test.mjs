import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { engine, lintFixture } from './rules-lint-helper.mjs';

const yaml = createRequire(import.meta.url)('yaml');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { exposureRuleset, EXPOSURE_RULES, EXPOSURE_RULES_META, EXPOSURE_RULE_CODES, DOCS_BASE_URL, FIXABLE_CODES } = engine;

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
  assert.deepEqual(
    findings.map((f) => `${f.code} ${f.path.join(' ')}`),
    ['external-code-samples paths /kept get'],
  );
});

/** The text of a page's `## <title>` section, up to the next `## `. */
function section(text, title) {
  const start = text.indexOf(`\n## ${title}\n`);
  if (start < 0) return undefined;
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

const yamlBlocks = (text) => [...(text ?? '').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);

test('every rule page: severity, whether it has a quick fix (and why not), failing and passing YAML that parses', () => {
  for (const rule of EXPOSURE_RULES) {
    const text = readFileSync(path.join(root, 'rulesets/docs', `${rule.code}.md`), 'utf8');
    const header = text.split('\n')[2];
    assert.match(header, new RegExp(`^\\*\\*Severity:\\*\\* ${rule.severity} · `), `${rule.code}: severity in the header`);
    const fixable = FIXABLE_CODES.includes(rule.code);
    assert.match(header, fixable ? /\*\*Quick fix:\*\* yes/ : /\*\*Quick fix:\*\* no$/, `${rule.code}: quick fix in the header`);
    if (!fixable) assert.match(section(text, 'How to fix') ?? '', /no quick fix: \w/i, `${rule.code}: says why it has no quick fix`);
    for (const title of ['Failing', 'Passing']) {
      const blocks = yamlBlocks(section(text, title));
      assert.ok(blocks.length > 0, `${rule.code}: ${title} YAML`);
      for (const block of blocks) assert.deepEqual(yaml.parseDocument(block).errors.map(String), [], `${rule.code}: ${title} YAML parses`);
    }
  }
});

test("every rule is in the README's and rulesets/README.md's rule tables, with its severity and whom it applies to", () => {
  for (const [file, link] of [
    ['README.md', 'rulesets/docs/'],
    ['rulesets/README.md', 'docs/'],
  ]) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const rows = text.split('\n').filter((line) => /^\| \[`?[a-z0-9-]+`?\]\(/.test(line));
    assert.deepEqual(
      rows.map((row) => /^\| \[`?([a-z0-9-]+)`?\]/.exec(row)[1]),
      [...EXPOSURE_RULE_CODES],
      `${file}: one row per rule, in registry order`,
    );
    for (const rule of EXPOSURE_RULES) {
      const row = rows.find((r) => r.includes(`[${rule.code}]`) || r.includes(`[\`${rule.code}\`]`));
      assert.ok(row.includes(`](${link}${rule.code}.md)`), `${file}: ${rule.code} links its page`);
      assert.ok(
        row.includes(` | ${rule.severity} | ${rule.appliesTo} | `),
        `${file}: ${rule.code} row says ${rule.severity}, ${rule.appliesTo}: ${row}`,
      );
    }
  }
});

test('rules that take a concern from the OWASP ruleset say so on their page', () => {
  const owaspRules = EXPOSURE_RULES.filter((rule) => rule.supersedes?.length || rule.overlaps?.length);
  assert.deepEqual(owaspRules.map((rule) => rule.code).sort(), [
    'exposure-servers-marked',
    'external-auth-responses',
    'external-https',
    'external-rate-limit',
  ]);
  for (const rule of owaspRules) {
    const owasp = section(readFileSync(path.join(root, 'rulesets/docs', `${rule.code}.md`), 'utf8'), 'With the OWASP ruleset');
    assert.ok(owasp, `${rule.code}: a "With the OWASP ruleset" section`);
    for (const other of [...(rule.supersedes ?? []), ...(rule.overlaps ?? [])].filter((code) => code.includes(':2023-'))) {
      assert.ok(owasp.includes(other), `${rule.code}: names ${other}`);
    }
  }
});
