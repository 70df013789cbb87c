// The language server's own thread leaves the engine to its lint workers: dist/server-main.js is built without it, and
// the engine's code (dist/server-engine.js, scripts/build.mjs) is loaded in that thread only when it must parse a
// document itself, to find the roots of a fragment of a multi-file description. Observed on what V8 compiles in this
// process, where the in-memory server runs (the bundles are loaded through vm.Script by the bundle loader).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codesOf, makeWorkspace, startInMemoryServer } from './helpers/client.mjs';
import { pollUntil } from '../shared/poll.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const vm = require('node:vm');
const compiled = [];
const OriginalScript = vm.Script;
vm.Script = class extends OriginalScript {
  constructor(code, options) {
    super(code, options);
    compiled.push(path.basename(String(options?.filename ?? '')));
  }
};
const engineLoads = () => compiled.filter((name) => name === 'server-engine.js').length;

/** An in-memory server initialised on a copy of the LSP fixtures (and of `extraFixture`), opened on `file`. */
async function openIn(t, file, extraFixture) {
  const workspace = await makeWorkspace();
  if (extraFixture)
    await fs.cp(path.join(root, 'test/fixtures', extraFixture), workspace.file(path.basename(extraFixture)), { recursive: true });
  const client = startInMemoryServer();
  t.after(async () => {
    client.dispose();
    await workspace.remove();
  });
  await client.initialize(workspace.dir);
  const { uri } = await client.openFile(workspace.file(file));
  return { client, uri };
}

// In this order: once loaded, the engine's bundle stays in the process.
test("a one-file spec is linted, its findings published, and the server's thread loads no engine", async (t) => {
  const { client, uri } = await openIn(t, 'external.yaml');
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.ok(codesOf(publish).includes('external-oauth2'));
  assert.ok(compiled.includes('server-main.js'), compiled.join());
  assert.equal(engineLoads(), 0, compiled.join());
});

test("a fragment of a multi-file description: the server's thread loads the engine once, to find its roots", async (t) => {
  const { client, uri } = await openIn(t, 'split/paths/pets.yaml', 'multi-file/split');
  // Both roots that $ref it are found (the scan of the workspace) and report in it.
  const roots = (p) => ['external-oauth2', 'internal-permission-scopes'].every((code) => p.diagnostics.some((d) => d.code === code));
  await client.waitForDiagnostics(uri, roots);
  await pollUntil(() => engineLoads() > 0, { what: 'the engine bundle in the server thread', timeoutMs: 20_000 });
  assert.equal(engineLoads(), 1, compiled.join());
});
