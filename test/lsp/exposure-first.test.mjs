// Exposure findings first: on a large document the exposure rules' diagnostics are published for the
// edited version before the complete lint finishes, never for another version, and the complete results
// (equal to a cold lint) replace them. The complete lints are held at a gate the test opens, so the order
// is decided by the test, not by the machine's speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { promises as fs } from 'node:fs';
import { setup } from './helpers/client.mjs';
import { generateSpec } from '../bench/generate-spec.mjs';

const require = createRequire(import.meta.url);
const { Linter, createNodeHost, EXPOSURE_RULE_CODES } = require('../../dist/engine.js');

/** The real engine; complete lints wait at a gate, exposure-only passes at another (open unless closed). */
function twoGateBackend() {
  const linter = new Linter(createNodeHost());
  const gates = { complete: [], exposure: [] };
  const closed = { complete: true, exposure: false };
  const heldWaiters = [];
  const pass = (kind) => {
    if (!closed[kind]) return undefined;
    const held = new Promise((resolve) => gates[kind].push(resolve));
    for (const waiter of heldWaiters.filter((w) => w.kind === kind)) {
      heldWaiters.splice(heldWaiters.indexOf(waiter), 1);
      waiter.release();
    }
    return held;
  };
  return {
    open(kind) {
      closed[kind] = false;
      for (const resolve of gates[kind].splice(0)) resolve();
    },
    close(kind) {
      closed[kind] = true;
    },
    held: (kind) => gates[kind].length,
    /** Resolves once a call of `kind` waits at its gate (nothing the server sends tells the client so). */
    untilHeld(kind, deadlineMs) {
      if (gates[kind].length > 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`Timed out after ${deadlineMs} ms waiting for a ${kind} lint to be held`)),
          deadlineMs,
        );
        heldWaiters.push({ kind, release: () => (clearTimeout(timer), resolve()) });
      });
    },
    calls: [],
    /** [what, kind, text]: each call when asked for ('call') and when answered ('done'). */
    events: [],
    async lint(options) {
      const kind = options.exposureOnly ? 'exposure' : 'complete';
      this.calls.push(options);
      this.events.push(['call', kind, options.text]);
      await pass(kind);
      const result = await linter.lint(options);
      this.events.push(['done', kind, options.text]);
      return result;
    },
    invalidate: (p) => linter.invalidate(p),
    rulesetFor: (options) => linter.rulesetFor(options),
    rulesetDependencies: () => linter.rulesetDependencies(),
  };
}

const key = (d) => `${d.code} ${JSON.stringify(d.data?.path)} ${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.message}`;
const isExposure = (d) => EXPOSURE_RULE_CODES.includes(d.code);

test(
  'a large document gets its exposure diagnostics first, then the complete ones, each for its own version',
  { timeout: 600_000 },
  async (t) => {
    const backend = twoGateBackend();
    const { client, workspace, teardown } = await setup({ settings: { debounceMs: 200 }, serverOptions: { backend } });
    t.after(teardown);
    // The generated spec passes spectral:oas; one operation without operationId, description or tags gives
    // the complete lint findings of its own.
    const text = generateSpec({ targetBytes: 150_000, seed: 9 }).text.replace(
      'paths:\n',
      "paths:\n  /plain:\n    get:\n      x-audience: company-internal\n      responses: { '200': { description: OK } }\n",
    );
    const file = workspace.file('large.yaml');
    await fs.writeFile(file, text);
    const { uri } = await client.openFile(file);

    const early1 = await client.waitForDiagnostics(uri, (p) => p.version === 1, 170_000);
    assert.ok(early1.diagnostics.length > 0 && early1.diagnostics.every(isExposure), 'the first publish holds exposure diagnostics only');
    assert.ok(backend.held('complete') >= 1, 'while the complete lint is still held');

    backend.open('complete');
    const complete1 = await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.some((d) => !isExposure(d)), 170_000);
    assert.deepEqual(
      complete1.diagnostics.filter(isExposure).map(key).sort(),
      early1.diagnostics.map(key).sort(),
      'the early diagnostics were exactly the exposure part of the complete ones',
    );

    // Edit: one more external operation without security. The early pass answers for version 2 while the
    // complete lint of version 2 waits.
    backend.close('complete');
    const edited = text.replace(
      'paths:\n',
      "paths:\n  /early-bird:\n    get:\n      x-audience: external-public\n      responses: { '200': { description: OK } }\n",
    );
    const v2 = await client.change(uri, edited);
    const early2 = await client.waitForDiagnostics(uri, (p) => p.version === v2, 170_000);
    assert.ok(early2.diagnostics.every(isExposure));
    assert.ok(early2.diagnostics.some((d) => d.code === 'external-oauth2' && d.data.path[1] === '/early-bird'));

    // An early pass for version 3 is held, the user types version 4: nothing is ever published for version 3.
    backend.close('exposure');
    const v3 = await client.change(uri, edited.replace('/early-bird', '/early-bird3'));
    await backend.untilHeld('exposure', 20_000); // the early pass of version 3
    const v4 = await client.change(uri, edited.replace('/early-bird', '/early-bird4'));
    backend.open('exposure');
    backend.open('complete');
    const complete4 = await client.waitForDiagnostics(uri, (p) => p.version === v4 && p.diagnostics.some((d) => !isExposure(d)), 170_000);
    assert.ok(!client.publishesFor(uri).some((p) => p.version === v3), 'no result for a version other than the one it was computed on');

    const cold = await new Linter(createNodeHost()).lint({
      filePath: file,
      text: client.textOf(uri),
      trust: { trustWorkspaceCode: false, allowRemote: false, allowedRoots: [workspace.dir] },
      discoveryRoot: workspace.dir,
    });
    const coldKeys = cold.findings
      .map((f) => `${f.code} ${JSON.stringify(f.path)} ${f.range.start.line}:${f.range.start.character}`)
      .sort();
    assert.deepEqual(
      complete4.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.data?.path)} ${d.range.start.line}:${d.range.start.character}`).sort(),
      coldKeys,
      'the final set equals a cold lint',
    );
  },
);

test('small documents get only the complete lint', { timeout: 60_000 }, async (t) => {
  const backend = twoGateBackend();
  backend.open('complete');
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 }, serverOptions: { backend } });
  t.after(teardown);
  const file = workspace.file('small.yaml');
  await fs.writeFile(file, generateSpec({ targetBytes: 5_000 }).text);
  const { uri } = await client.openFile(file);
  await client.waitForDiagnostics(uri, () => true, 60_000);
  await client.waitUntil(() => client.statuses.some((s) => s.uri === uri && s.state !== 'linting'), 'the lint to finish', 60_000);
  assert.equal(client.publishesFor(uri).length, 1, 'one publish: no early pass');
  assert.ok(
    backend.calls.every((options) => !options.exposureOnly),
    'the engine was never asked for the exposure pass',
  );
});

for (const earlyPassAlone of [true, false]) {
  test(
    earlyPassAlone
      ? "on few cores, an edit's complete lint is asked for only once that edit's exposure pass is done"
      : "with cores to spare, an edit's complete lint does not wait for that edit's exposure pass",
    { timeout: 300_000 },
    async (t) => {
      const backend = twoGateBackend();
      backend.open('complete');
      const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 }, serverOptions: { backend, earlyPassAlone } });
      t.after(teardown);
      const text = generateSpec({ targetBytes: 150_000, seed: 4 }).text;
      const file = workspace.file('large.yaml');
      await fs.writeFile(file, text);
      const { uri } = await client.openFile(file);
      await client.waitUntil(() => client.statuses.some((s) => s.uri === uri && s.state !== 'linting'), 'the first lint', 170_000);

      backend.close('exposure');
      const edited = text.replace('paths:\n', "paths:\n  /edited:\n    get:\n      responses: { '200': { description: OK } }\n");
      const v2 = await client.change(uri, edited);
      await backend.untilHeld('exposure', 170_000); // the early pass of the edit
      const index = (what, kind) => backend.events.findIndex(([w, k, t]) => w === what && k === kind && t === edited);
      if (!earlyPassAlone) {
        await client.waitUntil(() => index('call', 'complete') >= 0, 'the complete lint to be asked for', 170_000);
        assert.equal(index('done', 'exposure'), -1, 'asked for while the early pass is held');
      }
      backend.open('exposure');
      await client.waitForDiagnostics(uri, (p) => p.version === v2 && p.diagnostics.some((d) => !isExposure(d)), 170_000);
      if (earlyPassAlone) {
        const [exposureDone, completeCalled] = [index('done', 'exposure'), index('call', 'complete')];
        assert.ok(exposureDone >= 0 && completeCalled > exposureDone, JSON.stringify(backend.events.map(([w, k]) => `${w} ${k}`)));
      }
    },
  );
}
