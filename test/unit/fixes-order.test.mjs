// Fix-order property: generated code samples always match the operation's security after all fixes have
// run, whatever the order (one fix at a time in every order of an operation's findings, and fix-all over
// the findings in several orders). After an API-key requirement is replaced by OAuth, curl sends
// `Authorization: Bearer`, not the API key. Hand-written samples are never rewritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const engine = require(path.join(here, '../../dist/engine.js'));
const yaml = require('yaml');

const dirs = ['../fixtures/fix-order', '../fixtures/fixes', '../fixtures/cli/fix'].map((d) => path.join(here, d));
const subjects = dirs.flatMap((dir) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /(^|\/)(input\.(ya?ml|json)|[^/]+\.(ya?ml|json))$/.test(f) && !f.includes('expected') && !f.endsWith('case.json'))
    .map((f) => path.join(dir, f)),
);

const linter = new engine.Linter(engine.createNodeHost());
const trust = { trustWorkspaceCode: false, allowRemote: false, allowedRoots: dirs };
const SECURITY_CODES = ['external-oauth2', 'internal-permission-scopes', 'external-code-samples'];

/** What a generated sample must send for the operation's effective security: the first scheme a sample can show. */
function expectedCredentials(data, op) {
  const requirements = Array.isArray(op.security) ? op.security : Array.isArray(data.security) ? data.security : [];
  const schemes = data.components?.securitySchemes ?? data.securityDefinitions ?? {};
  for (const requirement of requirements) {
    for (const name of Object.keys(requirement ?? {})) {
      const s = schemes[name];
      if (!s) continue;
      if (s.type === 'oauth2' || s.type === 'openIdConnect' || (s.type === 'http' && /^bearer$/i.test(s.scheme)))
        return 'Authorization: Bearer $TOKEN';
      if ((s.type === 'http' && /^basic$/i.test(s.scheme)) || s.type === 'basic') return '-u "$USERNAME:$PASSWORD"';
      if (s.type === 'apiKey' && s.in === 'header') return `${s.name}: $API_KEY`;
      if (s.type === 'apiKey' && s.in === 'query') return `${s.name}=$API_KEY`;
    }
  }
  return undefined;
}
const ALL_CREDENTIALS = /Authorization: Bearer \$TOKEN|-u "\$USERNAME:\$PASSWORD"|\$API_KEY/g;

/** Every curl sample the fixes wrote (its source is not in the original text) sends exactly the credentials security asks for. */
function assertSamplesMatchSecurity(original, fixed, label) {
  const data = yaml.parse(fixed);
  let checked = 0;
  for (const pathItem of Object.values(data.paths ?? {})) {
    for (const op of Object.values(pathItem ?? {})) {
      for (const sample of op?.['x-codeSamples'] ?? []) {
        if (sample?.lang !== 'Shell' || original.includes(JSON.stringify(sample.source).slice(1, 12))) continue;
        const wanted = expectedCredentials(data, op);
        const sent = [...sample.source.matchAll(ALL_CREDENTIALS)].map((m) => m[0]);
        assert.deepEqual(
          sent.map((s) => (wanted?.includes(s) || s.includes(wanted ?? '\0') ? 'ok' : s)),
          wanted ? ['ok'] : [],
          `${label}: sample sends ${sent.join(' ') || 'nothing'} but security asks for ${wanted ?? 'nothing'}`,
        );
        checked++;
      }
    }
  }
  return checked;
}

function permutations(list) {
  if (list.length <= 1) return [list];
  return list.flatMap((item, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** Applies the preferred safe fix of each finding in turn, each computed on the text the previous ones left. */
function fixInOrder(text, findings, format) {
  let current = text;
  for (const finding of findings) {
    const fix = engine.getFixes(current, finding, { format }).find((f) => f.safe && f.isPreferred);
    if (fix) current = engine.applyEdits(current, fix.edits);
  }
  return current;
}

let totalChecked = 0;
for (const file of subjects) {
  const name = path.relative(path.join(here, '..'), file);
  const format = file.endsWith('.json') ? 'json' : 'yaml';
  test(`code samples follow security whatever the fix order: ${name}`, async () => {
    const text = readFileSync(file, 'utf8');
    const { findings } = await linter.lint({
      filePath: file,
      text,
      rulesetFile: 'api-exposure-lint:exposure',
      trust,
      onRulesetError: 'throw',
    });
    const byOperation = new Map();
    for (const f of findings.filter((f) => SECURITY_CODES.includes(f.code) && f.path[0] === 'paths')) {
      const op = JSON.stringify(f.path.slice(0, 3));
      byOperation.set(op, [...(byOperation.get(op) ?? []), f]);
    }
    for (const [op, list] of byOperation) {
      for (const order of permutations(list)) {
        const label = `${name} ${op} ${order.map((f) => f.code).join(' → ')}`;
        totalChecked += assertSamplesMatchSecurity(text, fixInOrder(text, order, format), label);
      }
    }
    for (const order of [findings, [...findings].reverse(), [...findings].sort((a, b) => a.code.localeCompare(b.code))]) {
      const fixed = engine.applyEdits(text, engine.getFixAllEdits(text, order, { format }));
      totalChecked += assertSamplesMatchSecurity(text, fixed, `${name} fix-all`);
    }
  });
}

test('the fix-order property checked generated samples (including an API key replaced by OAuth)', async () => {
  assert.ok(subjects.some((f) => f.endsWith('api-key-to-oauth.yaml')));
  assert.ok(totalChecked >= 10, `generated samples checked: ${totalChecked}`);
});

test('API key → OAuth: the curl sample generated before the OAuth fix is rewritten to send a token', async () => {
  const file = path.join(here, '../fixtures/fix-order/api-key-to-oauth.yaml');
  const text = readFileSync(file, 'utf8');
  const { findings } = await linter.lint({
    filePath: file,
    text,
    rulesetFile: 'api-exposure-lint:exposure',
    trust,
    onRulesetError: 'throw',
  });
  const get = (code) => findings.find((f) => f.code === code && f.path.join('/') === 'paths//items/get');
  const samplesFirst = fixInOrder(text, [get('external-code-samples')], 'yaml');
  assert.match(samplesFirst, /-H "X-Api-Key: \$API_KEY"/, 'the sample first follows the API key');
  const both = fixInOrder(samplesFirst, [get('external-oauth2')], 'yaml');
  assert.match(both, /-H "Authorization: Bearer \$TOKEN"/);
  assert.doesNotMatch(both, /X-Api-Key: \$API_KEY/);
});
