// Exit code: 1 as soon as one finding is at or above --fail-severity, else 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeExitCode, EXIT_OK, EXIT_FINDINGS } from '../../dist/cli.js';

const at = (severity) => ({
  code: 'r',
  message: 'm',
  severity,
  path: [],
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
});
const reports = (...severities) => [
  { file: '/a.yaml', findings: severities.map(at) },
  { file: '/b.yaml', findings: [], skipped: 'not OpenAPI' },
];

const table = [
  { severities: [], fail: 'error', code: EXIT_OK },
  { severities: [], fail: 'hint', code: EXIT_OK },
  { severities: ['error'], fail: 'error', code: EXIT_FINDINGS },
  { severities: ['warn', 'info', 'hint'], fail: 'error', code: EXIT_OK },
  { severities: ['warn'], fail: 'warn', code: EXIT_FINDINGS },
  { severities: ['info', 'hint'], fail: 'warn', code: EXIT_OK },
  { severities: ['error'], fail: 'warn', code: EXIT_FINDINGS },
  { severities: ['info'], fail: 'info', code: EXIT_FINDINGS },
  { severities: ['hint'], fail: 'info', code: EXIT_OK },
  { severities: ['hint'], fail: 'hint', code: EXIT_FINDINGS },
];

for (const { severities, fail, code } of table) {
  test(`findings [${severities}] with --fail-severity ${fail} → exit ${code}`, () => {
    assert.equal(computeExitCode(reports(...severities), fail), code);
  });
}
