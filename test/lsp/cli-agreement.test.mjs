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
const SPECS = ['test/fixtures/real-world/inventory-business-unit.yaml', 'test/fixtures/real-world/payments-partner.json', 'examples/petstore-external.yaml'];
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
    const key = (code, range, severity, message) => `${code} ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${severity} ${message}`;
    assert.deepEqual(
      publish.diagnostics.map((d) => key(d.code, d.range, d.severity, d.message)).sort(),
      fromCli.map((f) => key(f.code, f.range, SEVERITY[f.severity], f.message)).sort(),
    );
  });
}
