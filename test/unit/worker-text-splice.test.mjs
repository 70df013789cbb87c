// A big document's next versions reach a lint worker as splices of the version it holds (server/src/node/worker/
// text-splice.ts): the splice must rebuild the text exactly, whatever the edit, and the worker must lint exactly the
// text it was given, through edits, documents switched between, texts dropped and documents closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { engine, workspace, trusted, workerScript } from './helpers/engine.mjs';
import { prng } from '../bench/generate-spec.mjs';

const { spliceBetween, applySplice } = loadTypeScriptModule('server/src/node/worker/text-splice.ts');

/** Random edits of a text made of few distinct characters (so that prefixes and suffixes repeat), surrogates included. */
function randomEdits(random, length, edits) {
  const alphabet = ['a', 'b', '\n', '"', '😀', '\uD83D'];
  const pick = (n) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  let text = pick(length);
  const versions = [text];
  for (let i = 0; i < edits; i++) {
    const start = Math.floor(random() * (text.length + 1));
    const end = Math.min(text.length, start + Math.floor(random() * (random() < 0.8 ? 3 : text.length / 4)));
    text = text.slice(0, start) + pick(Math.floor(random() * 4)) + text.slice(end);
    versions.push(text);
  }
  return versions;
}

test('a splice rebuilds the next text exactly and keeps the longest common prefix and suffix', () => {
  const random = prng(7);
  let checked = 0;
  for (const [length, edits] of [
    [0, 20],
    [5, 200],
    [300, 300],
    [200_000, 40], // past the first compared slice (64 K): differing slices are halved
  ]) {
    for (let round = 0; round < (length > 1000 ? 3 : 30); round++) {
      const versions = randomEdits(random, length, edits);
      for (let i = 1; i < versions.length; i++) {
        const [previous, next] = [versions[i - 1], versions[i]];
        const splice = spliceBetween(previous, next);
        assert.equal(applySplice(previous, splice), next);
        assert.ok(splice.start >= 0 && splice.start <= splice.end && splice.end <= previous.length, JSON.stringify(splice));
        // Longest: the characters on either side of the splice differ (or the splice reaches that end).
        const removed = previous.slice(splice.start, splice.end);
        const inserted = splice.insert;
        if (removed && inserted) {
          assert.notEqual(removed[0], inserted[0], 'the common prefix was not the longest');
          assert.notEqual(removed.at(-1), inserted.at(-1), 'the common suffix was not the longest');
        }
        checked++;
      }
    }
  }
  assert.ok(checked > 10_000);
});

test('chosen cases: identical texts, growth at either end, overlapping repeats', () => {
  const cases = [
    ['', '', { start: 0, end: 0, insert: '' }],
    ['abc', 'abc', { start: 3, end: 3, insert: '' }],
    ['', 'abc', { start: 0, end: 0, insert: 'abc' }],
    ['abc', '', { start: 0, end: 3, insert: '' }],
    ['aa', 'aaa', { start: 2, end: 2, insert: 'a' }],
    ['aaa', 'aa', { start: 2, end: 3, insert: '' }],
    ['abc', 'xabc', { start: 0, end: 0, insert: 'x' }],
    ['abc', 'abcx', { start: 3, end: 3, insert: 'x' }],
    ['abXcd', 'abYcd', { start: 2, end: 3, insert: 'Y' }],
  ];
  for (const [previous, next, expected] of cases) assert.deepEqual(spliceBetween(previous, next), expected, `${previous} → ${next}`);
});

// The worker reports the description it parsed: wrong text in the worker, wrong message.
const RULESET = `extends: ["api-exposure-lint:exposure"]
functions: [echo]
rules:
  echo:
    given: $.info
    then: { function: echo }
`;
const ECHO = "module.exports = (info) => [{ message: 'description: ' + info.description }];\n";
const documentText = (title, description) =>
  `openapi: 3.0.3\ninfo:\n  title: ${title}\n  version: '1'\n  x-audience: company-internal\n  description: ${description}\n${'# padding\n'.repeat(30)}paths: {}\n`;

/** Every message posted to a worker thread while `run` runs (the worker linter posts through Worker.prototype.postMessage). */
async function postedDuring(run) {
  const posted = [];
  const original = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    posted.push(message);
    return original.call(this, message, ...rest);
  };
  try {
    await run(posted);
  } finally {
    Worker.prototype.postMessage = original;
  }
  return posted;
}

test(
  "a big document's next versions go to the worker as splices; it lints exactly each version, through switches, drops and closes",
  { timeout: 120_000 },
  async () => {
    const root = workspace({ '.spectral.yaml': RULESET, 'functions/echo.js': ECHO });
    const linter = new engine.WorkerLinter({ workerScript, spliceFromChars: 200, timeoutMs: 60_000 });
    const file = (name) => path.join(root, name);
    const echoed = (result) => result.findings.find((f) => f.code === 'echo')?.message;
    try {
      await postedDuring(async (posted) => {
        const lints = () => posted.filter((m) => m.type === 'lint');
        const lint = async (name, text) => {
          const result = await linter.lint({ filePath: file(name), text, trust: trusted });
          const message = lints().at(-1);
          assert.equal(message.options.filePath, file(name));
          return { result, sent: message.text };
        };
        const expect = async (name, description, how) => {
          const text = documentText(name, description);
          const { result, sent } = await lint(name, text);
          assert.equal(echoed(result), `description: ${description}`, `${name}: the worker linted another text`);
          assert.equal('splice' in sent ? 'splice' : 'whole', how, `${name} was sent ${JSON.stringify(sent).slice(0, 200)}`);
          if (how === 'splice') assert.ok(sent.splice.insert.length <= 3, JSON.stringify(sent.splice));
          assert.equal(sent.hold, true);
        };

        await expect('a.yaml', 'first', 'whole');
        await expect('a.yaml', 'firsts', 'splice'); // a keystroke
        await expect('a.yaml', 'first', 'splice'); // and its undo
        await expect('b.yaml', 'other', 'whole');
        await expect('a.yaml', 'fist', 'splice'); // switched back: the worker still holds a.yaml
        await expect('c.yaml', 'third', 'whole'); // a third document: the worker drops the least recent (b.yaml)
        assert.deepEqual(
          posted.filter((m) => m.type === 'drop').map((m) => path.basename(m.path)),
          ['b.yaml'],
        );
        await expect('b.yaml', 'other!', 'whole'); // dropped: sent whole again (and a.yaml dropped in turn)
        await expect('c.yaml', 'thirds', 'splice');

        await linter.documentClosed(file('c.yaml'));
        assert.deepEqual(posted.at(-1), { type: 'drop', path: file('c.yaml') });
        await expect('c.yaml', 'reopened', 'whole');

        // Below the size: whole, not held (and the held copy of the bigger version is dropped with it).
        const small = "openapi: 3.0.3\ninfo: { title: s, version: '1', x-audience: company-internal, description: tiny }\npaths: {}\n";
        const { result, sent } = await lint('c.yaml', small);
        assert.equal(echoed(result), 'description: tiny');
        assert.deepEqual(sent, { whole: small, hold: false });
        await expect('c.yaml', 'big again', 'whole');
      });
    } finally {
      await linter.dispose();
    }
  },
);

test(
  'without spliceFromChars (the CLI, which lints each file once) every text goes whole and none is kept',
  { timeout: 120_000 },
  async () => {
    const root = workspace({ '.spectral.yaml': RULESET, 'functions/echo.js': ECHO });
    const linter = new engine.WorkerLinter({ workerScript, timeoutMs: 60_000 });
    try {
      const posted = await postedDuring(async () => {
        for (const description of ['one', 'ones']) {
          // Past the language server's SPLICE_FROM_CHARS (1 M characters).
          const text = documentText('a', description) + '# padding\n'.repeat(110_000);
          const result = await linter.lint({ filePath: path.join(root, 'a.yaml'), text, trust: trusted });
          assert.equal(result.findings.find((f) => f.code === 'echo')?.message, `description: ${description}`);
        }
      });
      assert.deepEqual(
        posted.filter((m) => m.type === 'lint').map((m) => [Object.keys(m.text).sort(), m.text.hold]),
        [
          [['hold', 'whole'], false],
          [['hold', 'whole'], false],
        ],
      );
    } finally {
      await linter.dispose();
    }
  },
);
