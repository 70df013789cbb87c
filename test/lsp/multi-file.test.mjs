// Multi-file API descriptions in the editor: findings of $ref'd files are published on those files, computed
// in the context of each root that uses them (with its audience), kept current as fragments are edited,
// renamed and deleted, and never left behind when files close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setup, codesOf, applyTextEdits } from './helpers/client.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SPLIT = path.join(root, 'test/fixtures/multi-file/split');

/** A temp workspace holding a copy of the split fixture. */
async function splitWorkspace(t, settings = { debounceMs: 0 }) {
  const ctx = await setup({ settings });
  t.after(ctx.teardown);
  await fs.cp(SPLIT, ctx.workspace.dir, { recursive: true });
  return ctx;
}

const hasCode = (code) => (p) => p.diagnostics.some((d) => d.code === code);
/** Lints of roots that are not open start cold workers: generous on a loaded machine. */
const DEADLINE = 90000;

test('opening a fragment shows its findings from every root that uses it, each naming its root and $ref', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const { uri } = await client.openFile(workspace.file('paths/pets.yaml'));
  const publish = await client.waitForDiagnostics(
    uri,
    (p) => hasCode('external-oauth2')(p) && hasCode('internal-permission-scopes')(p),
    DEADLINE,
  );

  const external = publish.diagnostics.find((d) => d.code === 'external-oauth2');
  assert.equal(external.range.start.line, 1, 'on the get operation of the fragment');
  assert.equal(external.data.audience, 'external-public');
  assert.equal(external.relatedInformation.length, 1);
  assert.equal(external.relatedInformation[0].location.uri, workspace.uri('public.yaml'));
  assert.match(external.relatedInformation[0].message, /public\.yaml with audience external-public/);
  // The $ref in the root: `$ref: ./paths/pets.yaml` on line 14 of public.yaml.
  assert.equal(external.relatedInformation[0].location.range.start.line, 14);

  const internal = publish.diagnostics.find((d) => d.code === 'internal-permission-scopes');
  assert.equal(internal.data.audience, 'company-internal');
  assert.equal(internal.relatedInformation[0].location.uri, workspace.uri('internal.json'));
});

test('the root does not show a fragment finding a second time', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const { uri } = await client.openFile(workspace.file('public.yaml'));
  const own = await client.waitForDiagnostics(uri, undefined, DEADLINE);
  const fragment = await client.waitForDiagnostics(workspace.uri('paths/pets.yaml'), hasCode('external-oauth2'), DEADLINE);
  assert.ok(fragment.diagnostics.length > 0);
  assert.ok(!codesOf(own).includes('external-oauth2'), `root codes: ${codesOf(own)}`);
});

test('editing a fragment re-lints the roots that use it, from the unsaved text, and updates the fragment', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const pets = workspace.uri('paths/pets.yaml');
  await client.openFile(workspace.file('paths/pets.yaml'));
  await client.waitForDiagnostics(pets, hasCode('external-code-samples'), DEADLINE);

  const withSamples = client
    .textOf(pets)
    .replace('  tags: [pets]\n', '  tags: [pets]\n  x-codeSamples:\n    - { lang: Shell, source: curl https://api.example.com/pets }\n');
  await client.change(pets, withSamples);
  const after = await client.nextDiagnostics(pets, (p) => hasCode('external-oauth2')(p) && !hasCode('external-code-samples')(p), DEADLINE);
  assert.ok(after.diagnostics.some((d) => d.code === 'external-oauth2'));
  assert.equal(
    await fs.readFile(workspace.file('paths/pets.yaml'), 'utf8').then((text) => text.includes('x-codeSamples')),
    false,
    'nothing was saved',
  );
});

test('closing the fragment clears its findings when no root of it is open', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const pets = workspace.uri('paths/pets.yaml');
  await client.openFile(workspace.file('paths/pets.yaml'));
  await client.waitForDiagnostics(pets, hasCode('external-oauth2'), DEADLINE);
  await client.close(pets);
  await client.nextDiagnostics(pets, (p) => p.diagnostics.length === 0, DEADLINE);
});

test('a broken ruleset met by the lint of a closed root is reported, and the fragment still gets findings', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  await fs.writeFile(
    path.join(workspace.dir, '.spectral.yaml'),
    'rules:\n  broken-rule:\n    given: $.info\n    then:\n      function: truthy\n    severity: not-a-severity\n',
  );
  // Only the fragment is open: the roots that use it are linted in the background, with the broken ruleset.
  const pets = workspace.uri('paths/pets.yaml');
  await client.openFile(workspace.file('paths/pets.yaml'));
  await client.waitForDiagnostics(pets, hasCode('external-oauth2'), DEADLINE);
  const message = await client.waitUntil(() => client.messages.find((m) => m.type === 2), 'a warning message', DEADLINE);
  assert.match(message.message, /\.spectral\.yaml/);
  assert.match(message.message, /severity/);
});

test('closing the root clears what it published on fragments that are not open', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const publicUri = workspace.uri('public.yaml');
  await client.openFile(workspace.file('public.yaml'));
  const pet = workspace.uri('paths/pet.json');
  await client.waitForDiagnostics(pet, hasCode('external-oauth2'), DEADLINE);
  await client.close(publicUri);
  await client.nextDiagnostics(pet, (p) => p.diagnostics.length === 0, DEADLINE);
});

test('a fragment deleted on disk: the root reports the broken $ref and the fragment keeps no findings', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const publicUri = workspace.uri('public.yaml');
  await client.openFile(workspace.file('public.yaml'));
  const pet = workspace.uri('paths/pet.json');
  await client.waitForDiagnostics(pet, hasCode('external-oauth2'), DEADLINE);

  await fs.rename(workspace.file('paths/pet.json'), workspace.file('paths/pet-renamed.json'));
  await client.notify('workspace/didChangeWatchedFiles', {
    changes: [
      { uri: pet, type: 3 },
      { uri: workspace.uri('paths/pet-renamed.json'), type: 1 },
    ],
  });
  await client.nextDiagnostics(pet, (p) => p.diagnostics.length === 0, DEADLINE);
  // The root is linted again from the editor: it now has a $ref to a missing file.
  await client.change(publicUri, client.textOf(publicUri));
  await client.nextDiagnostics(publicUri, hasCode('invalid-ref'), DEADLINE);
});

test('bad references: a $ref cycle across files is reported where it closes, other results still come', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const { uri } = await client.openFile(workspace.file('bad-refs/root.yaml'));
  const own = await client.waitForDiagnostics(uri, hasCode('invalid-ref'), DEADLINE);
  const messages = own.diagnostics
    .filter((d) => d.code === 'invalid-ref')
    .map((d) => d.message)
    .join('\n');
  assert.match(messages, /missing\.yaml/);
  assert.match(messages, /outside the workspace/);
  const loop = await client.waitForDiagnostics(workspace.uri('bad-refs/loop-b.yaml'), hasCode('ref-cycle'), DEADLINE);
  assert.match(loop.diagnostics.find((d) => d.code === 'ref-cycle').message, /loop-a\.yaml → loop-b\.yaml → loop-a\.yaml/);
});

test('a fragment no root uses says so, once, and other YAML files stay silent', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const { uri } = await client.openFile(workspace.file('paths/orphan.yaml'));
  const publish = await client.waitForDiagnostics(uri, hasCode('unreferenced-fragment'), DEADLINE);
  assert.equal(publish.diagnostics.length, 1);
  await fs.writeFile(workspace.file('docker-compose.yaml'), 'services:\n  web: { image: nginx }\n');
  const other = await client.openFile(workspace.file('docker-compose.yaml'));
  const silent = await client.waitForDiagnostics(other.uri, undefined, DEADLINE);
  assert.equal(silent.diagnostics.length, 0);
});

test('a quick fix in a fragment edits the fragment', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const pets = workspace.uri('paths/pets.yaml');
  await client.openFile(workspace.file('paths/pets.yaml'));
  const publish = await client.waitForDiagnostics(pets, hasCode('external-code-samples'), DEADLINE);
  const samples = publish.diagnostics.find((d) => d.code === 'external-code-samples');
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri: pets },
    range: samples.range,
    context: { diagnostics: [samples] },
  });
  const fix = actions.find((a) => a.isPreferred && a.edit);
  assert.ok(fix, `a preferred fix among: ${actions.map((a) => a.title)}`);
  const fixed = applyTextEdits(client.textOf(pets), fix.edit.changes[pets]);
  assert.match(fixed, /x-codeSamples/);
  await client.change(pets, fixed);
  await client.nextDiagnostics(pets, (p) => hasCode('external-oauth2')(p) && !hasCode('external-code-samples')(p), DEADLINE);
});

test('a fix that needs the root edits both files in one WorkspaceEdit, each in its own style, and the re-lint is clean', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const pet = workspace.uri('paths/pet.json');
  const publicUri = workspace.uri('public.yaml');
  await client.openFile(workspace.file('public.yaml'));
  await client.openFile(workspace.file('paths/pet.json'));
  const publish = await client.waitForDiagnostics(pet, hasCode('external-oauth2'), DEADLINE);
  const oauth = publish.diagnostics.find((d) => d.code === 'external-oauth2');
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri: pet },
    range: oauth.range,
    context: { diagnostics: [oauth] },
  });
  const fix = actions.find((a) => a.isPreferred && a.edit);
  assert.ok(fix, `a preferred fix among: ${actions.map((a) => a.title)}`);
  assert.deepEqual(Object.keys(fix.edit.changes).sort(), [pet, publicUri].sort());
  const fixedPet = applyTextEdits(client.textOf(pet), fix.edit.changes[pet]);
  const fixedRoot = applyTextEdits(client.textOf(publicUri), fix.edit.changes[publicUri]);
  assert.doesNotThrow(() => JSON.parse(fixedPet), 'the JSON fragment stays JSON');
  assert.match(fixedPet, /"security": \[/);
  assert.match(fixedRoot, /\n  securitySchemes:\n    oauth2:\n      type: oauth2\n/, 'the scheme is added to the root, in block YAML');

  await client.change(publicUri, fixedRoot);
  await client.change(pet, fixedPet);
  await client.nextDiagnostics(pet, (p) => !hasCode('external-oauth2')(p) && hasCode('external-rate-limit')(p), DEADLINE);
});

test('go to definition and hover on a $ref: relative file, file with a JSON pointer, and local', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const publicUri = workspace.uri('public.yaml');
  const pet = workspace.uri('paths/pet.json');
  await client.openFile(workspace.file('public.yaml'));
  const { text: petText } = await client.openFile(workspace.file('paths/pet.json'));
  const at = (uri, line, character) => ({ textDocument: { uri }, position: { line, character } });

  // `    $ref: ./paths/pets.yaml` (line 14): the whole fragment, from its first key.
  const toFile = await client.request('textDocument/definition', at(publicUri, 14, 14));
  assert.equal(toFile.uri, workspace.uri('paths/pets.yaml'));
  assert.equal(toFile.range.start.line, 1);

  // `"404": { "$ref": "../public.yaml#/components/responses/NotFound" }`: the NotFound key in the root.
  const line = petText.split('\n').findIndex((l) => l.includes('NotFound'));
  const toPointer = await client.request('textDocument/definition', at(pet, line, petText.split('\n')[line].indexOf('NotFound')));
  assert.equal(toPointer.uri, publicUri);
  assert.equal(toPointer.range.start.line, 19);
  const hover = await client.request('textDocument/hover', at(pet, line, petText.split('\n')[line].indexOf('NotFound')));
  assert.match(hover.contents.value, /→ `\.\.\/public\.yaml#\/components\/responses\/NotFound`/);
  assert.match(hover.contents.value, /NotFound:\n {6}\$ref: \.\/components\/responses\/not-found\.yaml/);

  // A local ref, typed in an untitled-free way: in the root itself.
  const local = `${client.textOf(publicUri)}x-shortcut:\n  $ref: '#/components/responses/NotFound'\n`;
  await client.change(publicUri, local);
  const localLine = local.split('\n').findIndex((l) => l.includes("'#/components"));
  const toLocal = await client.request('textDocument/definition', at(publicUri, localLine, 12));
  assert.equal(toLocal.uri, publicUri);
  assert.equal(toLocal.range.start.line, 19);
});

test('hover on an operation of a shared fragment shows its audience in each root', async (t) => {
  const { client, workspace } = await splitWorkspace(t);
  const pets = workspace.uri('paths/pets.yaml');
  await client.openFile(workspace.file('paths/pets.yaml'));
  await client.waitForDiagnostics(pets, (p) => hasCode('external-oauth2')(p) && hasCode('internal-permission-scopes')(p), DEADLINE);
  const hover = await client.request('textDocument/hover', { textDocument: { uri: pets }, position: { line: 3, character: 4 } });
  const text = hover.contents.value;
  assert.match(text, /\*\*GET \/pets\*\* · used by 2 root documents/);
  assert.match(text, /In `internal\.json`: audience `company-internal` \(internal\), from info\.x-audience/);
  assert.match(text, /In `public\.yaml`: audience `external-public` \(external\), from info\.x-audience/);
  assert.match(text, /✗ \[`external-oauth2`\]/);
});
