// safeWriteFile, the one way the CLI (and the server) writes files: atomic replacement, mode and line
// endings kept, symlinks written through, read-only files and files changed since they were read refused,
// and a failed write that leaves the original byte for byte and no temporary file behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readWithSnapshot, safeWriteFile, SafeWriteError } from '../../dist/cli.js';
import { scratchDir } from '../shared/scratch.mjs';

const freshDir = () => scratchDir('ael-write-');
/** Every name in the folder: a leftover temporary file would show up here. */
const names = (dir) => readdirSync(dir).sort();

test('replaces a file atomically and keeps its mode', async () => {
  const dir = freshDir();
  const file = path.join(dir, 'spec.yaml');
  writeFileSync(file, 'old\n');
  chmodSync(file, 0o640);
  const { written } = await safeWriteFile(file, 'new\n');
  assert.equal(written, file);
  assert.equal(readFileSync(file, 'utf8'), 'new\n');
  assert.equal(statSync(file).mode & 0o777, 0o640, 'mode kept');
  assert.deepEqual(names(dir), ['spec.yaml'], 'no temporary file left');
});

test('an executable or group-writable mode survives even through the umask', async () => {
  const dir = freshDir();
  const file = path.join(dir, 'tool.json');
  writeFileSync(file, '{}');
  chmodSync(file, 0o775);
  await safeWriteFile(file, '{"a":1}');
  assert.equal(statSync(file).mode & 0o777, 0o775);
});

test('keeps CRLF line endings when the new content comes with LF', async () => {
  const dir = freshDir();
  const file = path.join(dir, 'baseline.json');
  writeFileSync(file, '{\r\n  "version": 1\r\n}\r\n');
  await safeWriteFile(file, '{\n  "version": 2\n}\n');
  assert.equal(readFileSync(file, 'utf8'), '{\r\n  "version": 2\r\n}\r\n');
  // Content that already has its own line endings is written as given.
  await safeWriteFile(file, 'a\r\nb\n');
  assert.equal(readFileSync(file, 'utf8'), 'a\r\nb\n');
  // An LF file stays LF.
  const lf = path.join(dir, 'lf.txt');
  writeFileSync(lf, 'x\n');
  await safeWriteFile(lf, 'y\nz\n');
  assert.equal(readFileSync(lf, 'utf8'), 'y\nz\n');
});

test('writes through a symlink: the target gets the content, the link stays a link', async () => {
  const dir = freshDir();
  mkdirSync(path.join(dir, 'real'));
  const target = path.join(dir, 'real', 'spec.yaml');
  writeFileSync(target, 'old\n');
  const link = path.join(dir, 'spec.yaml');
  symlinkSync('real/spec.yaml', link);
  const chain = path.join(dir, 'alias.yaml');
  symlinkSync('spec.yaml', chain);
  const { written } = await safeWriteFile(chain, 'new\n');
  assert.equal(written, target);
  assert.equal(readFileSync(target, 'utf8'), 'new\n');
  assert.ok(lstatSync(link).isSymbolicLink() && lstatSync(chain).isSymbolicLink(), 'links kept');
  assert.equal(readlinkSync(link), 'real/spec.yaml');
  assert.deepEqual(names(path.join(dir, 'real')), ['spec.yaml'], 'the temporary file lived next to the target and is gone');
});

test('a dangling symlink is written through: its target is created', async () => {
  const dir = freshDir();
  const link = path.join(dir, 'report.json');
  symlinkSync('out/report.json', link);
  await safeWriteFile(link, '[]', { createFolders: true });
  assert.equal(readFileSync(path.join(dir, 'out', 'report.json'), 'utf8'), '[]');
  assert.ok(lstatSync(link).isSymbolicLink());
});

test('a read-only file is refused and left as it is', async () => {
  const dir = freshDir();
  const file = path.join(dir, 'spec.yaml');
  writeFileSync(file, 'old\n');
  chmodSync(file, 0o444);
  await assert.rejects(safeWriteFile(file, 'new\n'), (error) => {
    assert.ok(error instanceof SafeWriteError);
    assert.equal(error.reason, 'read-only');
    assert.equal(error.message, `cannot write ${file}: the file is read-only; the file is unchanged`);
    return true;
  });
  assert.equal(readFileSync(file, 'utf8'), 'old\n');
  assert.equal(statSync(file).mode & 0o777, 0o444);
  assert.deepEqual(names(dir), ['spec.yaml']);
});

test('a file changed since it was read is refused; an untouched one is written', async () => {
  const dir = freshDir();
  const file = path.join(dir, 'spec.yaml');
  writeFileSync(file, 'as read\n');
  const { snapshot } = await readWithSnapshot(file);
  writeFileSync(file, 'someone else saved this\n');
  await assert.rejects(safeWriteFile(file, 'fixed\n', { expected: snapshot }), (error) => {
    assert.equal(error.reason, 'changed');
    assert.match(error.message, /^not writing .*spec\.yaml: it changed on disk since it was read; it was left as it is$/);
    return true;
  });
  assert.equal(readFileSync(file, 'utf8'), 'someone else saved this\n');
  // Same size, different bytes: the hash notices what size and mtime might not.
  writeFileSync(file, 'as read\n');
  const again = await readWithSnapshot(file);
  writeFileSync(file, 'as reaD\n');
  await assert.rejects(safeWriteFile(file, 'fixed\n', { expected: again.snapshot }), { reason: 'changed' });
  // Deleted since it was read: not recreated.
  writeFileSync(file, 'as read\n');
  const third = await readWithSnapshot(file);
  (await import('node:fs')).rmSync(file);
  await assert.rejects(safeWriteFile(file, 'fixed\n', { expected: third.snapshot }), /it was deleted since it was read/);
  assert.deepEqual(names(dir), []);
  // Unchanged: written.
  writeFileSync(file, 'as read\n');
  const fourth = await readWithSnapshot(file);
  await safeWriteFile(file, 'fixed\n', { expected: fourth.snapshot });
  assert.equal(readFileSync(file, 'utf8'), 'fixed\n');
});

test('a write that fails half-way (disk full) leaves the original byte for byte and removes its temporary file', async () => {
  const dir = freshDir();
  const file = path.join(dir, 'spec.yaml');
  const original = Buffer.from('\ufeffopenapi: 3.0.3\r\ninfo: { title: t, version: "1" }\r\n', 'utf8');
  writeFileSync(file, original);
  chmodSync(file, 0o600);
  const before = statSync(file);
  await assert.rejects(safeWriteFile(file, 'x'.repeat(100000), { fault: 'fail' }), (error) => {
    assert.equal(error.reason, 'failed');
    assert.equal(error.message, `cannot write ${file}: no space left on device; the file is unchanged`);
    return true;
  });
  assert.deepEqual(readFileSync(file), original);
  assert.equal(statSync(file).ino, before.ino, 'the very same file, never replaced');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(names(dir), ['spec.yaml']);
});

test('a new file in a missing folder is created with createFolders; a folder in the way is refused', async () => {
  const dir = freshDir();
  await safeWriteFile(path.join(dir, 'a', 'b', 'report.sarif'), '{}', { createFolders: true });
  assert.equal(readFileSync(path.join(dir, 'a', 'b', 'report.sarif'), 'utf8'), '{}');
  await assert.rejects(safeWriteFile(path.join(dir, 'a'), 'x'), { reason: 'not-a-file' });
  await assert.rejects(safeWriteFile(path.join(dir, 'missing', 'x.json'), 'x'), (error) => {
    assert.equal(error.reason, 'failed');
    assert.match(error.message, /nothing was written$/);
    return true;
  });
});

test(
  'a read-only folder: the write fails, cleanly',
  { skip: process.getuid?.() === 0 ? 'root may write into read-only folders' : false },
  async () => {
    const dir = freshDir();
    const file = path.join(dir, 'spec.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(dir, 0o555);
    try {
      await assert.rejects(safeWriteFile(file, 'new\n'), { reason: 'failed' });
      assert.equal(readFileSync(file, 'utf8'), 'old\n');
      assert.deepEqual(names(dir), ['spec.yaml']);
    } finally {
      chmodSync(dir, 0o755);
    }
  },
);
