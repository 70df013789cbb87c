// The editor and the CLI must agree: the same file and ruleset give the same findings (code, range,
// message, severity) whether they come from the language server or from `api-exposure-lint --format json`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setup } from './helpers/client.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SPECS = [
  'test/fixtures/real-world/inventory-business-unit.yaml',
  'test/fixtures/real-world/payments-partner.json',
  'examples/petstore-external.yaml',
];
const SEVERITY = { error: 1, warn: 2, info: 3, hint: 4 };

function cli(args, cwd) {
  try {
    return execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8' });
  } catch (error) {
    return error.stdout;
  }
}

for (const spec of SPECS) {
  test(`language server and CLI report the same findings for ${path.basename(spec)}`, async (t) => {
    const { client, workspace, teardown } = await setup();
    t.after(teardown);
    const file = workspace.file(path.basename(spec));
    await fs.copyFile(path.join(root, spec), file);
    const { uri } = await client.openFile(file);
    const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);

    const fromCli = JSON.parse(cli(['--format', 'json', path.basename(spec)], workspace.dir));
    const key = (code, range, severity, message) =>
      `${code} ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${severity} ${message}`;
    assert.deepEqual(
      publish.diagnostics.map((d) => key(d.code, d.range, d.severity, d.message)).sort(),
      fromCli.map((f) => key(f.code, f.range, SEVERITY[f.severity], f.message)).sort(),
    );
  });
}

// Multi-file descriptions: the same findings in the same files at the same ranges, whether the roots are
// linted by the CLI or opened in the editor (a fragment shared by two roots gets the findings of both).
const MULTI_FILE = { dir: 'test/fixtures/multi-file/split', roots: ['public.yaml', 'internal.json', 'bad-refs/root.yaml'] };

test('language server and CLI agree on a multi-file description: same files, findings and ranges', async (t) => {
  const { client, workspace, teardown } = await setup();
  t.after(teardown);
  await fs.cp(path.join(root, MULTI_FILE.dir), workspace.dir, { recursive: true });
  const key = (code, range, severity, message) =>
    `${code} ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${severity} ${message}`;

  const fromCli = JSON.parse(cli(['--format', 'json', ...MULTI_FILE.roots], workspace.dir));
  const expected = new Map(MULTI_FILE.roots.map((file) => [file, []]));
  for (const f of fromCli) {
    if (!expected.has(f.file)) expected.set(f.file, []);
    expected.get(f.file).push(key(f.code, f.range, SEVERITY[f.severity], f.message));
  }
  assert.ok(expected.size > MULTI_FILE.roots.length, 'the CLI reports findings in fragments');

  for (const file of MULTI_FILE.roots) await client.openFile(workspace.file(file));
  const keysOf = (publish) => publish.diagnostics.map((d) => key(d.code, d.range, d.severity, d.message)).sort();
  for (const [file, keys] of expected) {
    const uri = workspace.uri(file);
    const want = JSON.stringify(keys.sort());
    try {
      await client.waitForDiagnostics(uri, (p) => JSON.stringify(keysOf(p)) === want, 90000);
    } catch (error) {
      const last = client.publishesFor(uri).at(-1);
      assert.deepEqual(last ? keysOf(last) : [], keys, `${file}: ${error.message}`);
    }
  }
});
