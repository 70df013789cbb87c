// The engine's $ref graph: which files a root reaches, where their parts sit in the root's tree, and the
// bad cases (cycles, missing files, files outside the allowed roots, limits), on small in-memory workspaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { engine, repoRoot } from './helpers/engine.mjs';

const ROOT = '/ws/openapi.yaml';
const file = (rel) => path.join('/ws', rel);

/** A graph over in-memory files; reads outside `files` fail like a missing file. */
async function graphOf(files, { allowedRoots = ['/ws'], limits } = {}) {
  const reads = [];
  const graph = await engine.buildRefGraph({
    filePath: ROOT,
    text: files['openapi.yaml'],
    trust: { allowedRoots },
    limits,
    readFile: async (p) => {
      reads.push(p);
      const rel = path.relative('/ws', p);
      if (!(rel in files)) throw new Error(`ENOENT ${p}`);
      return files[rel];
    },
  });
  return { graph, reads };
}

const root = (paths) => `openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths:\n${paths}`;

const cases = [
  {
    name: 'a path item in its own file, with a schema in another',
    files: {
      'openapi.yaml': root('  /pets:\n    $ref: ./paths/pets.yaml\n'),
      'paths/pets.yaml':
        "get:\n  responses:\n    '200':\n      description: OK\n      content:\n        application/json:\n          schema: { $ref: '../schemas/pet.yaml' }\n",
      'schemas/pet.yaml': 'type: object\n',
    },
    files_: ['paths/pets.yaml', 'schemas/pet.yaml'],
    mounts: [
      ['paths/pets.yaml', '', 'paths./pets'],
      ['schemas/pet.yaml', '', 'paths./pets.get.responses.200.content.application/json.schema'],
    ],
    problems: [],
  },
  {
    name: 'a JSON pointer into a file, JSON mixed with YAML',
    files: {
      'openapi.yaml': root("  /a:\n    $ref: 'shared.json#/paths/~1a'\n"),
      'shared.json': '{ "paths": { "/a": { "get": { "responses": {} } } } }',
    },
    files_: ['shared.json'],
    mounts: [['shared.json', 'paths./a', 'paths./a']],
    problems: [],
  },
  {
    name: 'a recursive schema across files is walked once per place, not forever',
    files: {
      'openapi.yaml': root(
        "  /a:\n    get:\n      responses:\n        '200': { description: OK, content: { application/json: { schema: { $ref: ./a.yaml } } } }\n",
      ),
      'a.yaml': 'type: object\nproperties:\n  b: { $ref: ./b.yaml }\n',
      'b.yaml': 'type: object\nproperties:\n  a: { $ref: ./a.yaml }\n',
    },
    files_: ['a.yaml', 'b.yaml'],
    problems: [],
  },
  {
    name: 'a $ref-only loop is a cycle, reported where it closes',
    files: { 'openapi.yaml': root('  /loop:\n    $ref: ./a.yaml\n'), 'a.yaml': '$ref: ./b.yaml\n', 'b.yaml': '$ref: ./a.yaml\n' },
    files_: ['a.yaml', 'b.yaml'],
    problems: [['ref-cycle', 'b.yaml', /a\.yaml → b\.yaml → a\.yaml/]],
  },
  {
    name: 'a missing file is listed but not loaded (Spectral reports the $ref)',
    files: { 'openapi.yaml': root('  /gone:\n    $ref: ./gone.yaml\n') },
    files_: ['gone.yaml'],
    loaded: [],
    problems: [],
  },
  {
    name: 'a file outside the allowed roots is never read',
    files: { 'openapi.yaml': root('  /x:\n    $ref: ../outside.yaml\n') },
    files_: ['../outside.yaml'],
    loaded: [],
    noRead: '/outside.yaml',
    problems: [],
  },
  {
    name: 'remote and local refs are not followed',
    files: {
      'openapi.yaml': root("  /r:\n    $ref: 'https://example.com/api.yaml#/paths/~1r'\n  /l:\n    $ref: '#/components/pathItems/l'\n"),
    },
    files_: [],
    problems: [],
  },
  {
    name: 'the file limit stops the walk with a warning',
    files: {
      'openapi.yaml': root('  /a: { $ref: ./a.yaml }\n  /b: { $ref: ./b.yaml }\n  /c: { $ref: ./c.yaml }\n'),
      'a.yaml': 'get: { responses: {} }\n',
      'b.yaml': 'get: { responses: {} }\n',
      'c.yaml': 'get: { responses: {} }\n',
    },
    limits: { maxFiles: 2 },
    files_: ['a.yaml', 'b.yaml'],
    problems: [['ref-limit', 'openapi.yaml', /more than 2 files/]],
  },
];

for (const c of cases) {
  test(`ref graph: ${c.name}`, async () => {
    const { graph, reads } = await graphOf(c.files, { limits: c.limits });
    assert.deepEqual(graph.files, c.files_.map(file));
    assert.deepEqual([...graph.loaded].sort(), (c.loaded ?? c.files_).map(file).sort());
    if (c.mounts) {
      assert.deepEqual(
        graph.mounts.map((m) => [path.relative('/ws', m.file), m.pointer.join('.'), m.rootPath.join('.')]),
        c.mounts,
      );
    }
    assert.equal(graph.problems.length, c.problems.length, JSON.stringify(graph.problems));
    c.problems.forEach(([code, at, message], i) => {
      assert.equal(graph.problems[i].code, code);
      assert.equal(graph.problems[i].at.file, file(at));
      assert.match(graph.problems[i].message, message);
    });
    if (c.noRead) assert.ok(!reads.includes(c.noRead), `read ${c.noRead}`);
  });
}

test('mountFor places a path of a referenced file in the root tree, preferring paths', async () => {
  const { graph } = await graphOf(cases[0].files);
  const placed = engine.mountFor(graph, file('paths/pets.yaml'), ['get', 'responses']);
  assert.deepEqual(placed.rootPath, ['paths', '/pets', 'get', 'responses']);
  assert.equal(placed.mount.rootRef.file, ROOT);
  assert.equal(placed.mount.rootRef.range.start.line, 4, 'the $ref line in the root');
});

test('referencedFiles lists what a root reaches (the function other commands reuse)', async () => {
  const fixture = path.join(repoRoot, 'test/fixtures/multi-file/split');
  const { promises: fs } = await import('node:fs');
  const filePath = path.join(fixture, 'public.yaml');
  const files = await engine.referencedFiles({
    filePath,
    text: await fs.readFile(filePath, 'utf8'),
    trust: { allowedRoots: [fixture] },
    readFile: (p) => fs.readFile(p, 'utf8'),
  });
  assert.deepEqual(files.map((f) => path.relative(fixture, f)).sort(), [
    'components/responses/not-found.yaml',
    'components/schemas/owner.yaml',
    'components/schemas/pet.yaml',
    'paths/pet.json',
    'paths/pets.yaml',
  ]);
});

test('the linter reads open documents before the disk, and sees a fragment edited on disk between runs', async () => {
  const { workspace, lintFile } = await import('./helpers/engine.mjs');
  const { writeFileSync } = await import('node:fs');
  const dir = workspace({
    'openapi.yaml': "openapi: 3.0.3\ninfo: { title: T, version: '1', x-audience: external-public }\npaths:\n  /a:\n    $ref: ./a.yaml\n",
    'a.yaml': "get:\n  responses:\n    '200': { description: OK }\n",
  });
  const linter = new engine.Linter(engine.createNodeHost());
  const codes = (result) => result.findings.filter((f) => f.code === 'external-code-samples').length;
  const options = { ruleset: undefined, rulesetFile: 'api-exposure-lint:exposure' };
  assert.equal(codes(await lintFile(path.join(dir, 'openapi.yaml'), options, linter)), 1);
  const withSamples = "get:\n  x-codeSamples: [{ lang: Shell, source: curl x }]\n  responses:\n    '200': { description: OK }\n";
  assert.equal(
    codes(
      await lintFile(path.join(dir, 'openapi.yaml'), { ...options, openDocuments: { [path.join(dir, 'a.yaml')]: withSamples } }, linter),
    ),
    0,
    'unsaved text',
  );
  assert.equal(codes(await lintFile(path.join(dir, 'openapi.yaml'), options, linter)), 1, 'no overlay: the disk again');
  writeFileSync(path.join(dir, 'a.yaml'), withSamples);
  assert.equal(codes(await lintFile(path.join(dir, 'openapi.yaml'), options, linter)), 0, 'the edited file, not a cached copy');
});

test('the cheap text test for references to other files: a $ref key with a file for value, not a path key ending in /$ref', async () => {
  const { loadTypeScriptModule } = await import('./helpers/load-ts.mjs');
  const { hasExternalRefs } = loadTypeScriptModule('server/src/engine/ref-graph.ts', { mainFields: ['module', 'main'] });
  const external = [
    '$ref: ./a.yaml',
    '  $ref: "./a.yaml#/x"',
    "- $ref: 'other.yaml'",
    '{"$ref":"a.json"}',
    '{ "a": 1, "$ref": "b.json#/c" }',
    'x: {$ref: a.yaml}',
    "'$ref': a.yaml",
    'p:\n    $ref: https://example.com/x.yaml',
  ];
  // Microsoft Graph's paths end in "/$ref" by the thousand: without this the whole spec was walked for files it never names.
  const local = [
    '$ref: "#/components/x"',
    '{"$ref":"#/a"}',
    '{"/users/{id}/manager/$ref":{"get":{}}}',
    '"/a/$ref": {}',
    'x-$ref: a.yaml',
    '"$ref": {"type": "string"}',
    '$ref: [a]',
  ];
  for (const text of external) assert.equal(hasExternalRefs(text), true, text);
  for (const text of local) assert.equal(hasExternalRefs(text), false, text);
  // A YAML `$ref` whose value is on the next lines: the parsed data says whether it is a reference.
  const block = 'properties:\n  $ref:\n    type: string\n';
  assert.equal(hasExternalRefs(block), true, 'without data: taken for a reference');
  assert.equal(hasExternalRefs(block, { properties: { $ref: { type: 'string' } } }), false, 'a schema property named $ref');
  assert.equal(hasExternalRefs('x:\n  $ref:\n    ./a.yaml\n', { x: { $ref: './a.yaml' } }), true, 'a file on the next line');
});
