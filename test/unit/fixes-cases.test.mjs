// Table-driven quick-fix cases: test/fixtures/fixes/<case>/{input.*, case.json, expected.*}.
// Each case names a finding and the fix to apply; the fixed text must equal the expected file
// byte for byte (so every line outside the inserted block is proven untouched), still parse,
// and the same fix must not be offered again on the result.
// Regenerate expected files after a deliberate change: UPDATE_FIXTURES=1 node --test test/unit/fixes-cases.test.mjs
// A missing expected file fails the case (it is never written without UPDATE_FIXTURES=1).
// FIX_CASES_DIR points the suite at another folder (test/unit/tests-can-fail.test.mjs uses it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const engine = require(path.join(here, '../../dist/engine.js'));
const yaml = require('yaml');
const FIXTURES = process.env.FIX_CASES_DIR ?? path.join(here, '../fixtures/fixes');

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
export const finding = (code, jsonPath, extra = {}) => ({ code, path: jsonPath, message: code, severity: 'warn', range, ...extra });

function parses(text, ext) {
  if (ext === 'json') JSON.parse(text);
  const doc = yaml.parseDocument(text);
  return doc.errors.length === 0;
}

let cases = 0;
for (const name of readdirSync(FIXTURES).sort()) {
  const dir = path.join(FIXTURES, name);
  const inputFile = readdirSync(dir).find((f) => f.startsWith('input.'));
  if (!inputFile) continue;
  cases++;
  const ext = path.extname(inputFile).slice(1);
  const spec = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8'));
  test(`fix ${name}: ${spec.description}`, () => {
    const input = readFileSync(path.join(dir, inputFile), 'utf8');
    const f = finding(spec.finding.code, spec.finding.path, spec.finding.audience ? { audience: spec.finding.audience } : {});
    const fixes = engine.getFixes(input, f, { format: ext === 'json' ? 'json' : 'yaml' });
    const fix = fixes.find((x) => x.id === spec.fixId);
    assert.ok(fix, `fix ${spec.fixId} offered; got ${fixes.map((x) => x.id).join(', ')}`);
    const output = engine.applyEdits(input, fix.edits);
    const expectedFile = path.join(dir, `expected.${ext}`);
    if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, output);
    assert.ok(
      existsSync(expectedFile),
      `${path.relative(process.cwd(), expectedFile)} is missing: check the output and write it with UPDATE_FIXTURES=1`,
    );
    assert.equal(output, readFileSync(expectedFile, 'utf8'));
    assert.ok(parses(output, ext), 'the fixed document parses');
    // Edits are minimal: none rewrites text it leaves equal.
    for (const edit of fix.edits) assert.notEqual(input.slice(edit.offset, edit.offset + edit.length), edit.newText);
    const again = engine.getFixes(output, f, { format: ext === 'json' ? 'json' : 'yaml' });
    assert.ok(!again.some((x) => x.id === spec.fixId), `${spec.fixId} is not offered twice`);
  });
}

test('fix cases were found (an empty or misplaced fixture folder must not pass)', () => {
  assert.ok(cases > 0, `no test/fixtures/fixes/<case>/input.* under ${FIXTURES}`);
});
