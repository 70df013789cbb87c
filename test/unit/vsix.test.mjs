// Packages the extension with vsce (offline, no dependencies: everything is bundled in dist/)
// and checks that the VSIX ships the bundles VS Code needs and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../shared/scratch.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAX_BYTES = 5 * 1024 * 1024;

/** Entry names from the ZIP central directory (a VSIX is a ZIP); no unzip binary needed. */
function zipEntryNames(zip) {
  const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  const CENTRAL_FILE_HEADER = 0x02014b50;
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end--;
  assert.ok(end >= 0, 'not a ZIP file');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), CENTRAL_FILE_HEADER, 'corrupt central directory');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const notBuilt = !existsSync(path.join(root, 'dist/extension.js')) && 'dist/extension.js is not built (run node scripts/build.mjs)';

test('vsce packages a small VSIX with only the runtime files', { skip: notBuilt }, (t) => {
  const outDir = scratchDir('api-exposure-lint-vsix-');
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  const vsix = path.join(outDir, 'extension.vsix');

  execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', vsix], {
    cwd: root,
    stdio: 'pipe',
    env: { ...process.env, SCARF_ANALYTICS: 'false' },
  });

  const size = statSync(vsix).size;
  t.diagnostic(`VSIX size: ${(size / 1024).toFixed(1)} KiB`);
  assert.ok(size < MAX_BYTES, `VSIX is ${size} bytes, limit ${MAX_BYTES}`);

  const files = zipEntryNames(readFileSync(vsix))
    .filter((name) => name.startsWith('extension/'))
    .map((name) => name.slice('extension/'.length));
  t.diagnostic(`VSIX files: ${files.join(', ')}`);

  const required = ['package.json', 'dist/extension.js', 'images/icon.png', 'schemas/spectral-ruleset.schema.json'];
  // The server and worker bundles ship whenever they have been built.
  for (const bundle of ['dist/server.js', 'dist/server-main.js', 'dist/lint-worker.js', 'dist/lint-worker-main.js']) {
    if (existsSync(path.join(root, bundle))) required.push(bundle);
  }
  for (const file of required) assert.ok(files.includes(file), `VSIX lacks ${file}`);

  const forbidden = [
    [/(^|\/)node_modules\//, 'node_modules'],
    [/\.ts$/, 'TypeScript sources'],
    [/\.map$/, 'source maps'],
    [/^test\//, 'tests'],
    [/(^|\/)fixtures\//, 'fixtures'],
    [/^client\/src\//, 'client sources'],
    [/^server\/src\//, 'server sources'],
    [/^dist\/(cli|engine)\.js$/, 'CLI/engine bundles'],
    [/\.vsix$/, 'older packages'],
    [/\.code-cache$/, "V8 code caches (each machine's V8 makes its own)"],
  ];
  for (const [pattern, what] of forbidden) {
    assert.deepEqual(
      files.filter((f) => pattern.test(f)),
      [],
      `VSIX must not contain ${what}`,
    );
  }
});
