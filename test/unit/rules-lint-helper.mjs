// Runs the built-in exposure ruleset over a fixture through the engine's Linter (the same path
// as the CLI and the language server: audience config attached to the document, suppressions applied).
// Shared by test/unit/rules-*.test.mjs; contains no tests itself.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as engine from '../../dist/engine.js';

export { engine };
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/rules');
export const fixturePath = (relative) => path.join(FIXTURES, relative);

const linter = new engine.Linter(engine.createNodeHost());
const trust = { trustWorkspaceCode: false, allowRemote: false, allowedRoots: [FIXTURES] };

/** Findings of the exposure rules for a fixture: [{ code, path, message, severity, audience }], in document order. */
export async function lintFixture(relative, audience = {}) {
  const filePath = fixturePath(relative);
  const text = await readFile(filePath, 'utf8');
  const result = await linter.lint({ filePath, text, rulesetFile: 'api-exposure-lint:exposure', audience, trust, onRulesetError: 'throw' });
  const unexpected = result.findings.filter((f) => !engine.EXPOSURE_RULE_CODES.includes(f.code));
  if (unexpected.length) throw new Error(`unexpected findings: ${JSON.stringify(unexpected.map((f) => [f.code, f.message]))}`);
  return result.findings.map((f) => ({
    code: f.code,
    path: f.path.map(String),
    message: f.message,
    severity: f.severity,
    audience: f.audience,
  }));
}

/**
 * Asserts that `code` reports exactly the expected locations on a fixture, each message matching.
 * expected: [[jsonPath, RegExp], ...]
 */
export async function assertRuleResults(assert, { fixture, code, config, expected }) {
  const results = (await lintFixture(fixture, config)).filter((r) => r.code === code);
  const key = (p) => JSON.stringify(p);
  assert.deepEqual(results.map((r) => key(r.path)).sort(), expected.map(([p]) => key(p)).sort(), `${code} locations on ${fixture}`);
  for (const [p, pattern] of expected) {
    const result = results.find((r) => key(r.path) === key(p));
    assert.match(result.message, pattern, `${code} message at ${p.join(' > ')}`);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// The audience matrix: one rule, every way an audience is declared (each audience, info / path item / operation,
// `x-internal: true`, nothing, a configured default), OAS 2.0 / 3.0 / 3.1, YAML and JSON; a failing and a passing
// document each. A rule reports on the failing document exactly where expected when the operation's audience is of
// the kind the rule applies to, and nowhere otherwise; it never reports on the passing document.

import { test as nodeTest } from 'node:test';
import { createRequire } from 'node:module';

const yaml = createRequire(import.meta.url)('yaml');

/** Ways to give the target operation its audience: [label, audience, kind, apply(doc, opPath), config]. */
export const AUDIENCE_DECLARATIONS = [
  {
    label: 'info.x-audience: external-public',
    audience: 'external-public',
    kind: 'external',
    apply: (doc) => (doc.info['x-audience'] = 'external-public'),
  },
  {
    label: 'operation x-audience: external-partner',
    audience: 'external-partner',
    kind: 'external',
    apply: (doc, op) => (at(doc, op)['x-audience'] = 'external-partner'),
  },
  {
    label: 'path item x-audience: company-internal',
    audience: 'company-internal',
    kind: 'internal',
    apply: (doc, op) => (at(doc, op.slice(0, 2))['x-audience'] = 'company-internal'),
  },
  {
    label: 'info.x-audience: business-unit-internal',
    audience: 'business-unit-internal',
    kind: 'internal',
    apply: (doc) => (doc.info['x-audience'] = 'business-unit-internal'),
  },
  {
    label: 'operation x-audience: component-internal',
    audience: 'component-internal',
    kind: 'internal',
    apply: (doc, op) => (at(doc, op)['x-audience'] = 'component-internal'),
  },
  {
    label: 'operation x-internal: true',
    audience: 'company-internal',
    kind: 'internal',
    apply: (doc, op) => (at(doc, op)['x-internal'] = true),
  },
  { label: 'nothing declared (treated as external-public)', audience: 'external-public', kind: 'external', apply: () => undefined },
  {
    label: 'configured default audience: business-unit-internal',
    audience: 'business-unit-internal',
    kind: 'internal',
    apply: () => undefined,
    config: { defaultAudience: 'business-unit-internal' },
  },
];

function at(doc, jsonPath) {
  return jsonPath.reduce((node, key) => node[key], doc);
}

const matrixLinter = new engine.Linter(engine.createNodeHost());

/** Findings of the exposure ruleset on a document given as data, serialised as YAML or JSON. */
export async function lintData(data, ext, audience = {}) {
  const filePath = path.join(FIXTURES, `matrix.${ext}`);
  const text = ext === 'json' ? JSON.stringify(data, null, 2) : yaml.stringify(data);
  const result = await matrixLinter.lint({
    filePath,
    text,
    rulesetFile: 'api-exposure-lint:exposure',
    audience,
    trust,
    onRulesetError: 'throw',
  });
  return result.findings.map((f) => ({ code: f.code, path: f.path.map(String), message: f.message, severity: f.severity }));
}

export const OAS_VERSIONS = ['2.0', '3.0.3', '3.1.0'];

/** The start of a document of that version: `{ swagger: '2.0' }` or `{ openapi }`, with an info block. */
export function documentHead(version, title = 'Matrix') {
  return { ...(version === '2.0' ? { swagger: '2.0' } : { openapi: version }), info: { title, version: '1' } };
}

/**
 * Registers one test per OAS version and format. `failing(version)` and `passing(version)` return
 * `{ doc, op, expected }`: a fresh document, the JSON path of the operation whose audience varies, and the
 * paths the rule reports when it applies (for `failing`; `[]` where the rule cannot apply, e.g. servers in 2.0).
 * `appliesTo(declaration)` says when the rule applies (default: the declaration's kind is the rule's appliesTo).
 */
export function audienceMatrix(assert, { code, failing, passing, appliesTo }) {
  const rule = engine.EXPOSURE_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`no exposure rule ${code}`);
  const applies = appliesTo ?? ((declaration) => declaration.kind === rule.appliesTo);
  for (const version of OAS_VERSIONS) {
    for (const ext of ['yaml', 'json']) {
      nodeTest(`${code}: every audience declaration, failing and passing (OAS ${version}, ${ext})`, async () => {
        let reported = 0;
        let silent = 0;
        for (const declaration of AUDIENCE_DECLARATIONS) {
          const label = `${code} on OAS ${version} ${ext}, ${declaration.label}`;
          const bad = failing(version);
          declaration.apply(bad.doc, bad.op);
          const expected = applies(declaration) ? bad.expected : [];
          const results = (await lintData(bad.doc, ext, declaration.config)).filter((r) => r.code === code);
          assert.deepEqual(
            results.map((r) => r.path.join(' > ')).sort(),
            expected.map((p) => p.map(String).join(' > ')).sort(),
            `${label}: failing document`,
          );
          for (const r of results) {
            assert.equal(r.severity, rule.severity, `${label}: severity`);
            // Per-operation findings say the audience and where it came from.
            if (r.path.join('/') === bad.op.map(String).join('/'))
              assert.match(r.message, new RegExp(` is ${declaration.audience} \\(`), label);
          }
          if (results.length) reported++;
          else silent++;

          const good = passing(version);
          declaration.apply(good.doc, good.op);
          const passed = (await lintData(good.doc, ext, declaration.config)).filter((r) => r.code === code);
          assert.deepEqual(
            passed.map((r) => `${r.path.join(' > ')}: ${r.message}`),
            [],
            `${label}: passing document`,
          );
        }
        // Both sides of the matrix were seen (unless the rule cannot apply to this version at all).
        const canApply = failing(version).expected.length > 0;
        if (canApply)
          assert.ok(
            reported > 0 && silent > 0,
            `${code} (OAS ${version}, ${ext}): reported for ${reported}, silent for ${silent} declarations`,
          );
        else assert.equal(reported, 0);
      });
    }
  }
}
