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
  return result.findings.map((f) => ({ code: f.code, path: f.path.map(String), message: f.message, severity: f.severity, audience: f.audience }));
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
