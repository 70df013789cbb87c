// What the CLI prints and returns around the report itself: stylish output that fits the terminal (full lines
// when piped), --fix-dry-run's exit code, spec-conformant SARIF locations, --help agreeing with the README, and
// the language server's usage line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { engine, repoRoot } from './helpers/engine.mjs';
import { scratchDir } from '../shared/scratch.mjs';

const require = createRequire(import.meta.url);
const { run, FORMATTERS, HELP_TEXT } = require(path.join(repoRoot, 'dist/cli.js'));
const AjvDraft04 = require('ajv-draft-04');
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
require('ajv-formats')(ajv);
const validateSarif = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));

const LONG =
  'GET /pets is external-public (info.x-audience) but is not secured by OAuth 2: every security alternative must require an oauth2 or openIdConnect scheme, and none may be anonymous ({}); add a scheme under components.securitySchemes';
const finding = (line, message, severity = 'error', code = 'external-oauth2') => ({
  code,
  message,
  severity,
  path: ['paths', '/pets', 'get'],
  range: { start: { line, character: 4 }, end: { line, character: 7 } },
});

test('stylish on a terminal: every line fits its width; messages wrap under their column, the path follows', () => {
  const cwd = '/repo';
  const files = [{ file: '/repo/api.yaml', findings: [finding(12, LONG), finding(30, 'Short message.', 'warn', 'info-contact')] }];
  for (const width of [60, 80, 120]) {
    const text = FORMATTERS.stylish(files, { cwd, width, summary: false });
    const lines = text.split('\n');
    for (const line of lines) assert.ok(line.length <= width, `${line.length} > ${width}: ${line}`);
    const first = lines.findIndex((l) => l.includes('13:5'));
    const column = lines[first].indexOf('GET /pets');
    const continuation = lines.slice(
      first + 1,
      lines.findIndex((l) => l.includes('31:5')),
    );
    assert.ok(continuation.length >= 1, 'the long message wrapped');
    for (const line of continuation) assert.equal(line.search(/\S/), column, `continuation under the message column: ${line}`);
    // Every word of the message is there, in order, and the path is printed once.
    const words = [lines[first].slice(column), ...continuation.map((l) => l.trim())].join(' ').replace(/\s+/g, ' ');
    assert.ok(words.startsWith(LONG.replace(/\s+/g, ' ')), words);
    assert.equal(text.split('paths./pets.get').length - 1, 2);
  }
});

test('stylish without a width (piped, --output): one full line per finding, as before', () => {
  const text = FORMATTERS.stylish([{ file: '/repo/api.yaml', findings: [finding(12, LONG)] }], { cwd: '/repo', summary: false });
  const rows = text.split('\n').filter((l) => l.includes('external-oauth2'));
  assert.equal(rows.length, 1);
  assert.ok(rows[0].includes(LONG) && rows[0].endsWith('paths./pets.get'));
});

async function runCli(cwd, argv, stdout = {}) {
  const out = [];
  const err = [];
  const code = await run({
    argv,
    cwd,
    env: { NO_COLOR: '1' },
    stdout: { write: (s) => out.push(s), ...stdout },
    stderr: { write: (s) => err.push(s) },
    version: '0.0.0',
    createLinter: () => new engine.Linter(engine.createNodeHost()),
    now: () => 0,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function tempCopy(files) {
  const dir = scratchDir('ael-out-');
  mkdirSync(path.join(dir, '.git'));
  for (const [name, from] of Object.entries(files)) cpSync(from, path.join(dir, name));
  return dir;
}

const PETSTORE = path.join(repoRoot, 'examples/petstore-external.yaml');

test('the CLI wraps to the terminal width on a TTY, and prints full lines to a pipe', async () => {
  const dir = tempCopy({ 'api.yaml': PETSTORE });
  // 100 columns: with the longest rule code (external-credentials-onboarding) the message still gets a column of its own, and the longest JSON path fits under it.
  const tty = await runCli(dir, ['api.yaml'], { isTTY: true, columns: 100 });
  assert.equal(tty.code, 1);
  for (const line of tty.stdout.split('\n')) assert.ok(line.length <= 100, `${line.length}: ${line}`);
  const piped = await runCli(dir, ['api.yaml']);
  assert.ok(
    piped.stdout.split('\n').some((line) => line.length > 100),
    'piped lines are not cut',
  );
  assert.equal(piped.stdout.split('\n').filter((l) => /^\s+\d+:\d+\s/.test(l)).length, 12, 'one line per finding');
});

test('--fix-dry-run exits 1 while the files still have the problems its diff would fix', async () => {
  // Every error of the petstore example is fixable: after the fixes nothing would fail, but nothing was written.
  const dir = tempCopy({ 'api.yaml': PETSTORE });
  const dry = await runCli(dir, ['--fix-dry-run', 'api.yaml']);
  assert.match(dry.stdout, /^--- a\/api\.yaml\n/);
  assert.equal(readFileSync(path.join(dir, 'api.yaml'), 'utf8'), readFileSync(PETSTORE, 'utf8'), 'nothing written');
  assert.equal(dry.code, 1);
  assert.match(dry.stderr, /--fix-dry-run wrote nothing: the files still have the problems the diff would fix/);
  // Once the fixes are applied, the same file passes.
  const fixed = await runCli(dir, ['--fix', 'api.yaml']);
  assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
  const again = await runCli(dir, ['--fix-dry-run', 'api.yaml']);
  assert.deepEqual([again.code, again.stdout], [0, '']);
});

test('SARIF: relative URIs against %SRCROOT% (defined in originalUriBaseIds), absolute file:// URIs outside it', async () => {
  const root = scratchDir('ael-sarif-');
  mkdirSync(path.join(root, '.git'));
  mkdirSync(path.join(root, 'work dir'));
  mkdirSync(path.join(root, 'elsewhere'));
  cpSync(PETSTORE, path.join(root, 'work dir', 'in side.yaml'));
  cpSync(PETSTORE, path.join(root, 'elsewhere', 'out.yaml'));
  const cwd = path.join(root, 'work dir');
  const { stdout } = await runCli(cwd, ['--format', 'sarif', 'in side.yaml', '../elsewhere/out.yaml']);
  const sarif = JSON.parse(stdout);
  assert.ok(validateSarif(sarif), JSON.stringify(validateSarif.errors?.slice(0, 3)));
  const runEntry = sarif.runs[0];
  assert.deepEqual(runEntry.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(cwd).href + '/' } });
  const locations = new Set(runEntry.results.map((r) => JSON.stringify(r.locations[0].physicalLocation.artifactLocation)));
  assert.deepEqual(
    [...locations].sort(),
    [
      JSON.stringify({ uri: 'in%20side.yaml', uriBaseId: '%SRCROOT%' }),
      JSON.stringify({ uri: pathToFileURL(path.join(root, 'elsewhere', 'out.yaml')).href }),
    ].sort(),
  );
  for (const location of locations) assert.doesNotMatch(location, /\.\.\//);
});

test('--help and the README agree: the usage line, folders accepted, the same options', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const cliSection = readme.slice(readme.indexOf('## CLI'), readme.indexOf('Exit codes:', readme.indexOf('## CLI')));
  const usage = /```\n(api-exposure-lint \[options\] .+)\n/.exec(cliSection)?.[1];
  assert.ok(usage, 'the README shows a usage line');
  assert.ok(HELP_TEXT.startsWith(`Usage: ${usage}\n`), `help starts with the README's usage line: ${usage}`);
  assert.match(usage, /folders/);
  const optionsIn = (text) => new Set([...text.matchAll(/(?<![\w-])(--?[a-z][a-z-]*)/g)].map((m) => m[1]).filter((o) => o !== '-'));
  const table = cliSection
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|')[1])
    .join(' ');
  // The lint command's options: the sub-commands (diff, report, merge) document theirs in their own --help.
  const optionsEnd = HELP_TEXT.indexOf('Other commands') >= 0 ? HELP_TEXT.indexOf('Other commands') : HELP_TEXT.indexOf('Exit codes:');
  const inHelp = optionsIn(
    HELP_TEXT.slice(HELP_TEXT.indexOf('Options:'), optionsEnd) +
      HELP_TEXT.slice(HELP_TEXT.indexOf('Limits and trust:'), HELP_TEXT.indexOf('Exit codes:')),
  );
  assert.deepEqual([...optionsIn(table)].sort(), [...inHelp].sort());
});

test('node dist/server.js: a usage line and exit 2 without a transport or with unknown arguments; --help exits 0', () => {
  const server = (...args) =>
    spawnSync(process.execPath, [path.join(repoRoot, 'dist/server.js'), ...args], { encoding: 'utf8', timeout: 30_000, input: '' });
  for (const args of [[], ['--bogus'], ['--stdio', '--node-ipc'], ['--socket=abc'], ['--stdio', 'extra']]) {
    const { status, stderr, stdout } = server(...args);
    assert.equal(status, 2, `${args.join(' ')}: ${stderr}`);
    assert.match(
      stderr,
      /^api-exposure-lint server: .+\nUsage: node dist\/server\.js \(--stdio \| --node-ipc \| --socket=<port> \| --pipe=<name>\)/,
    );
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    assert.equal(stderr.split('\n').length, 3, stderr);
    assert.equal(stdout, '');
  }
  const help = server('--help');
  assert.deepEqual([help.status, help.stderr], [0, '']);
  assert.match(help.stdout, /^Usage: node dist\/server\.js/);
});
