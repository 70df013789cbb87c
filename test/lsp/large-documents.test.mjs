// Large documents (≥ 256 KB): quick fixes are computed in a worker thread, and still fix what they say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { setup, codesOf, applyTextEdits } from './helpers/client.mjs';
import { generateSpec } from '../bench/generate-spec.mjs';

test('quick fixes on a large document come from the fix worker and remove their finding', { timeout: 120000 }, async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 } });
  t.after(teardown);
  const generated = generateSpec({ targetBytes: 300_000 });
  const text = typeof generated === 'string' ? generated : generated.text;
  assert.ok(text.length >= 256 * 1024, `large enough: ${text.length}`);
  const file = workspace.file('large.yaml');
  await fs.writeFile(file, text);
  const { uri } = await client.openFile(file);
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'internal-permission-scopes'), 90000);
  const target = publish.diagnostics.find((d) => d.code === 'internal-permission-scopes');

  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: target.range,
    context: { diagnostics: [target] },
  });
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix?.edit, `a preferred fix with its edit among: ${actions.map((a) => a.title)}`);
  const v2 = await client.change(uri, applyTextEdits(client.textOf(uri), fix.edit.changes[uri]));
  const after = await client.waitForDiagnostics(uri, (p) => p.version === v2, 90000);
  const key = (d) => `${d.code} ${JSON.stringify(d.data?.path)}`;
  assert.ok(!after.diagnostics.some((d) => key(d) === key(target)), 'the targeted finding is gone');
  assert.ok(codesOf(after).length > 0);
});
