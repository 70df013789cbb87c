// A long editing session keeps the server's memory bounded. The real server (lint workers included) runs
// in this process over the in-memory connection and goes through rounds of: open a dozen documents across
// three rulesets, type in each (thousands of edits in all), ask for quick fixes and fix-all and apply it,
// change the settings, break and repair a ruleset, close everything. One round also has a rule function
// kill its lint worker. After each round (documents closed, GC forced) the main thread's heap must come
// back near its level after the warm-up rounds, and the second half of the session must not grow more
// than the first: a trend, not an absolute time or size. RSS (workers included) and VmHWM are reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { setup, applyTextEdits } from './helpers/client.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const ROUNDS = 5; // rounds 0–1 warm up; 2–4 are measured
const DOCS_PER_FOLDER = 3; // × 3 folders = 9 documents a round, each a new uri: 45 in all
const EDITS_PER_DOC = 48; // 9 × 48 × 5 = 2,160 edits
const CRASH_ROUND = 3;

/** A spec of `n` external operations, each with fixable findings (no OAuth 2, no 429, no code samples). */
function spec(n, tag) {
  const paths = Array.from(
    { length: n },
    (_, i) =>
      `  /items${i}/{id}:\n    get:\n      operationId: get${tag}${i}\n      summary: Item ${i}\n      description: Returns item ${i}.\n      tags: [items]\n` +
      `      parameters:\n        - { name: id, in: path, required: true, schema: { type: string } }\n      responses:\n        '200':\n          description: The item.\n`,
  ).join('');
  return (
    `openapi: 3.0.3\ninfo:\n  title: T${tag}\n  version: 1.0.0\n  description: Items.\n  contact: { name: Team, email: team@example.com }\n  x-audience: external-public\n` +
    `servers:\n  - url: https://api.example.com\ntags:\n  - name: items\n    description: Items.\npaths:\n${paths}`
  );
}

const KILLER = "module.exports = function killer(info) { if (info && info['x-crash'] === 'exit') process.exit(3); return []; };\n";
const GOOD_RULESET = "extends: ['api-exposure-lint:recommended']\nrules:\n  operation-tags: warn\n";
const BROKEN_RULESET = "extends: ['api-exposure-lint:recommended']\nrules:\n  operation-tags: [unclosed\n";

function heapAfterGc() {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

function vmHwmKb() {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
  } catch {
    return NaN;
  }
}

const mb = (bytes) => (bytes / 1e6).toFixed(1);

/** The server's per-document counts once they are all 0 (lints of closed documents may still be winding down), or as they are at the deadline. */
async function released(server, deadlineMs = 60000) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const counts = server.resourceCounts();
    if (Object.values(counts).every((n) => n === 0) || Date.now() > deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, 50)); // polling with a deadline
  }
}

test(
  'thousands of edits across dozens of documents: memory returns near its baseline after documents are closed',
  { timeout: 600000 },
  async (t) => {
    const { client, workspace, teardown } = await setup({
      settings: { debounceMs: 20 },
      initializationOptions: { workspaceTrusted: true },
      capabilities: {
        workspace: {
          configuration: true,
          workspaceEdit: { documentChanges: true },
          didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        },
      },
    });
    t.after(teardown);
    const folders = ['a', 'b', 'c'].map((name) => workspace.file(`session/${name}`));
    for (const folder of folders) mkdirSync(folder, { recursive: true });
    mkdirSync(path.join(folders[0], 'functions'));
    writeFileSync(path.join(folders[0], 'functions', 'killer.js'), KILLER);
    writeFileSync(
      path.join(folders[0], '.spectral.yaml'),
      "extends: ['api-exposure-lint:recommended']\nfunctions: [killer]\nrules:\n  killer-rule:\n    severity: error\n    given: $.info\n    then: { function: killer }\n",
    );
    writeFileSync(path.join(folders[1], '.spectral.yaml'), "extends: ['api-exposure-lint:exposure']\n");
    const rulesetC = path.join(folders[2], '.spectral.yaml');
    writeFileSync(rulesetC, GOOD_RULESET);

    const heaps = [];
    const rss = [];
    let edits = 0;
    let fixesApplied = 0;
    let rulesetBreaks = 0;
    let crashes = 0;
    const started = Date.now();
    const lastPublish = (uri) => client.publishesFor(uri).at(-1);

    for (let round = 0; round < ROUNDS; round++) {
      // Open: a dozen documents with uris never used before.
      const docs = [];
      for (const f of folders.keys()) {
        for (let d = 0; d < DOCS_PER_FOLDER; d++) {
          const uri = workspace.uri(`session/${'abc'[f]}/r${round}-d${d}.yaml`);
          const text = spec(6 + d, `r${round}f${f}d${d}`);
          await client.open(uri, text);
          docs.push(uri);
        }
      }
      // Type: each edit appends to a description, sent as fast as the connection takes them.
      for (let e = 0; e < EDITS_PER_DOC; e++) {
        for (const uri of docs) {
          await client.change(uri, client.textOf(uri).replace(/description: Items\.[^\n]*/, `description: Items. Edit ${e}.`));
          edits++;
        }
      }
      for (const uri of docs) {
        const version = client.versions.get(uri).version;
        await client.waitForDiagnostics(uri, (p) => p.version === version, 120000);
      }
      // Fixes: a quick fix on one document, fix-all (applied) on another.
      const [first, second] = docs;
      const publish = lastPublish(first);
      const oauth = publish.diagnostics.find((d) => d.code === 'external-oauth2');
      assert.ok(oauth, `a fixable finding in round ${round}`);
      const quick = await client.request('textDocument/codeAction', {
        textDocument: { uri: first },
        range: oauth.range,
        context: { diagnostics: [oauth] },
      });
      assert.ok(
        quick.some((a) => a.edit),
        'quick fixes offered',
      );
      const [fixAll] = await client.request('textDocument/codeAction', {
        textDocument: { uri: second },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.apiExposureLint'] },
      });
      assert.ok(fixAll?.edit, 'fix-all offered');
      const change = fixAll.edit.documentChanges[0];
      assert.equal(change.textDocument.version, client.versions.get(second).version);
      const fixedVersion = await client.change(second, applyTextEdits(client.textOf(second), change.edits));
      const afterFix = await client.waitForDiagnostics(second, (p) => p.version === fixedVersion, 120000);
      assert.ok(!afterFix.diagnostics.some((d) => d.code === 'external-oauth2'), 'fix-all fixed');
      fixesApplied++;

      // Settings change: every open document is linted again.
      const before = client.publishes.length;
      await client.changeSettings({ debounceMs: 20, defaultAudience: round % 2 ? 'company-internal' : '' });
      await client.waitUntil(
        () => docs.every((uri) => client.publishes.slice(before).some((p) => p.uri === uri)),
        'relint after the settings change',
        120000,
      );

      // Break the ruleset of folder c, then repair it.
      const inC = docs[2 * DOCS_PER_FOLDER];
      let mark = client.publishes.length;
      writeFileSync(rulesetC, BROKEN_RULESET + `# break ${round}\n`);
      await client.fileChanged(rulesetC);
      await client.waitUntil(
        () => client.messages.some((m) => /ruleset/i.test(m.message) && m.message.includes(`.spectral.yaml`)),
        'the ruleset error',
        120000,
      );
      await client.waitForDiagnostics(inC, () => true, 120000, mark);
      mark = client.publishes.length;
      writeFileSync(rulesetC, GOOD_RULESET + `# repair ${round}\n`);
      await client.fileChanged(rulesetC);
      await client.waitForDiagnostics(
        inC,
        (p) => p.diagnostics.some((d) => d.code === 'operation-tags' || d.code === 'external-oauth2'),
        120000,
        mark,
      );
      rulesetBreaks++;

      if (round === CRASH_ROUND) {
        // A rule function kills its lint worker once: one diagnostic, then the session goes on.
        const victim = docs[0];
        const v = await client.change(
          victim,
          client.textOf(victim).replace('x-audience: external-public', 'x-audience: external-public\n  x-crash: exit'),
        );
        const crashed = await client.waitForDiagnostics(victim, (p) => p.version === v, 120000);
        assert.deepEqual(
          crashed.diagnostics.map((d) => d.code),
          ['lint-error'],
        );
        crashes++;
      }

      for (const uri of docs) await client.close(uri);
      // What the test itself recorded is not the server's memory.
      await client.waitUntil(() => docs.every((uri) => lastPublish(uri)?.diagnostics.length === 0), 'diagnostics cleared on close', 60000);
      // Nothing per document is left on the server once its documents are closed.
      const counts = await released(client.server);
      assert.deepEqual(
        counts,
        // lintThreads: closing the last document releases every lint worker, and their threads end.
        { documents: 0, justOpened: 0, scheduled: 0, results: 0, published: 0, settings: 0, rulesetWatch: 0, lintThreads: 0 },
        `round ${round}`,
      );
      client.publishes.length = 0;
      client.messages.length = 0;
      client.statuses.length = 0;
      client.configurationRequests.length = 0;
      client.registrations.length = 0;
      heaps.push(heapAfterGc());
      rss.push(process.memoryUsage().rss);
      t.diagnostic(
        `round ${round}: heap after GC ${mb(heaps.at(-1))} MB, RSS ${mb(process.memoryUsage().rss)} MB, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    }

    assert.equal(edits, ROUNDS * 3 * DOCS_PER_FOLDER * EDITS_PER_DOC);
    assert.equal(fixesApplied, ROUNDS);
    assert.equal(rulesetBreaks, ROUNDS);
    assert.equal(crashes, 1);
    const baseline = heaps[1]; // after the warm-up rounds: modules loaded, rulesets bundled, JIT warm
    const middle = heaps[Math.floor((ROUNDS + 1) / 2)];
    const end = heaps.at(-1);
    t.diagnostic(
      `heap after GC: warm-up ${mb(baseline)} MB, middle ${mb(middle)} MB, end ${mb(end)} MB; VmHWM ${(vmHwmKb() / 1024).toFixed(0)} MB`,
    );
    assert.ok(end <= baseline * 1.25, `heap after GC at the end ${mb(end)} MB ≤ 1.25 × ${mb(baseline)} MB after warm-up`);
    // A loose bound on the resident set, sampled once the workers' threads have ended (lintThreads above): sampled
    // while a released worker was still winding down, it read 204 MB after warm-up and 313 MB at the end with a flat
    // heap; once they have ended, ~200 MB every round.
    assert.ok(rss.at(-1) <= rss[1] * 1.5, `RSS at the end ${mb(rss.at(-1))} MB ≤ 1.5 × ${mb(rss[1])} MB after warm-up`);
    // The trend: the second half may not grow more than the first (plus 2% of the baseline for noise).
    assert.ok(
      end - middle <= Math.max(0, middle - baseline) + baseline * 0.02,
      `second half +${mb(end - middle)} MB vs first half +${mb(middle - baseline)} MB`,
    );
  },
);
