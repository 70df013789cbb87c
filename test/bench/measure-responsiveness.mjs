// Does the server keep answering while it lints a multi-megabyte document? Hover (on the big
// document), quick fixes (on a small one) and a small document's keystroke → diagnostics are timed
// when the server is idle, then again while a lint of the big document is running.
import { setTimeout as delay } from 'node:timers/promises';
import { summarize } from './stats.mjs';

/** Pause between probes while the big lint runs: a user's pace, not a flood of requests. */
const PROBE_INTERVAL_MS = 50;
const IDLE_SAMPLES = 20;

function codeActionParams(uri, diagnostic) {
  return { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } };
}

async function probes(session, big, small) {
  const hover = await session.timed('textDocument/hover', { textDocument: { uri: big.uri }, position: big.hoverPosition });
  const codeAction = await session.timed('textDocument/codeAction', codeActionParams(small.fixesUri, small.fixable));
  // A quick fix carries an edit; without current results the server offers only "show documentation".
  return { hover: hover.ms, codeAction: codeAction.ms, answered: hover.result !== null && codeAction.result.some((action) => action.edit) };
}

export async function measureResponsiveness(session, big, companions) {
  const small = { ...companions, fixable: session.latestDiagnostics(companions.fixesUri).find((d) => d.code === 'external-oauth2') };
  if (!small.fixable) throw new Error('the small document has no external-oauth2 finding to ask quick fixes for');
  const idle = { hover: [], codeAction: [], smallDiagnostics: [], codeActionOnBig: [] };
  for (let i = 0; i < IDLE_SAMPLES; i++) {
    const sample = await probes(session, big, small);
    if (!sample.answered) throw new Error('hover or code action gave no answer on an idle server');
    idle.hover.push(sample.hover);
    idle.codeAction.push(sample.codeAction);
  }
  // Quick fixes on the big document itself (its results are current while idle): the fixers read its text.
  const bigDiagnostic = session.latestDiagnostics(big.uri).find((d) => typeof d.code === 'string' && /^(external|internal)-/.test(d.code));
  if (bigDiagnostic) {
    // Up to 5 samples, fewer when one takes seconds (it does on multi-megabyte documents).
    let spentMs = 0;
    for (let i = 0; i < 5 && spentMs < 2000; i++) {
      const { ms } = await session.timed('textDocument/codeAction', codeActionParams(big.uri, bigDiagnostic));
      idle.codeActionOnBig.push(ms);
      spentMs += ms;
    }
  }
  for (let i = 0; i < 5; i++) idle.smallDiagnostics.push((await session.typeAndWait(small.typingUri, small.offset, ' ')).ms);

  // Start a lint of the big document and probe until its diagnostics arrive.
  const client = session.client;
  const statusesBefore = client.statuses.length;
  const bigVersion = session.documents.get(big.uri).version + 1;
  const bigDone = session.diagnosticsFor(big.uri, bigVersion);
  let bigFinished = false;
  void bigDone.then(() => (bigFinished = true));
  await session.type(big.uri, big.offset, ' ');
  await client.waitUntil(
    () => client.statuses.slice(statusesBefore).find((s) => s.uri === big.uri && s.state === 'linting'),
    'the big lint to start',
    600_000,
  );
  const lintStart = performance.now();

  const during = { hover: [], codeAction: [], smallDiagnostics: [] };
  // One small-document edit per big lint: its lint is what competes with the big one for the worker.
  const smallEdit = session.typeAndWait(small.typingUri, small.offset, ' ').then(({ ms }) => {
    during.smallDiagnostics.push(ms);
    return { ms, beforeBig: !bigFinished };
  });
  while (!bigFinished) {
    const sample = await probes(session, big, small);
    if (!sample.answered) throw new Error('hover or quick fixes gave no answer during the big lint');
    if (bigFinished) break; // answered after the lint ended: not a "during" sample
    during.hover.push(sample.hover);
    during.codeAction.push(sample.codeAction);
    await Promise.race([delay(PROBE_INTERVAL_MS), bigDone]);
  }
  const bigLintMs = performance.now() - lintStart;
  const smallOutcome = await smallEdit;
  return {
    bigLintMs,
    smallDiagnosticsBeforeBigLintEnded: smallOutcome.beforeBig,
    idle: Object.fromEntries(Object.entries(idle).map(([k, v]) => [k, summarize(v)])),
    during: Object.fromEntries(Object.entries(during).map(([k, v]) => [k, summarize(v)])),
  };
}
