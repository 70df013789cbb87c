// The table-driven suites fail when their inputs are missing: a missing expected file is an error (not
// written on the fly), and an empty fixture folder is an error (not zero passing cases).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../shared/scratch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const suite = path.join(here, 'fixes-cases.test.mjs');
const { NODE_TEST_CONTEXT: _, UPDATE_FIXTURES: __, ...env } = process.env;

function runCases(dir, extraEnv = {}) {
  return spawnSync(process.execPath, ['--test', suite], {
    encoding: 'utf8',
    env: { ...env, FIX_CASES_DIR: dir, ...extraEnv },
    timeout: 120_000,
  });
}

test('fixes-cases fails on a missing expected file and does not write it; UPDATE_FIXTURES=1 writes it', (t) => {
  const dir = scratchDir('ael-cases-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const source = path.join(here, '../fixtures/fixes/ignore-append');
  cpSync(path.join(source, 'input.yaml'), path.join(dir, 'ignore-append/input.yaml'));
  cpSync(path.join(source, 'case.json'), path.join(dir, 'ignore-append/case.json'));
  const missing = runCases(dir);
  assert.notEqual(missing.status, 0, missing.stdout);
  assert.match(missing.stdout, /expected\.yaml is missing: check the output and write it with UPDATE_FIXTURES=1/);
  assert.equal(existsSync(path.join(dir, 'ignore-append/expected.yaml')), false);
  const updated = runCases(dir, { UPDATE_FIXTURES: '1' });
  assert.equal(updated.status, 0, updated.stdout);
  assert.equal(existsSync(path.join(dir, 'ignore-append/expected.yaml')), true);
});

test('fixes-cases fails on a folder without cases', (t) => {
  const dir = scratchDir('ael-cases-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const empty = runCases(dir);
  assert.notEqual(empty.status, 0, empty.stdout);
  assert.match(empty.stdout, /no test\/fixtures\/fixes\/<case>\/input\.\* under/);
});
