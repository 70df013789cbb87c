// Keystroke → diagnostics: characters typed one at a time into an operation's description, each an
// incremental didChange, each timed until the server publishes diagnostics for that exact version.
// Sequential on purpose (the next key waits for the previous diagnostics): this measures the latency
// of one edit, not the throughput of a queue.
import { summarize } from './stats.mjs';

// Plain-scalar-safe text (no ": " or " #"), so the document stays valid YAML while typing.
const TYPED = ' and the caller may filter the results by status or date range';

function nextChar(document) {
  const char = TYPED[(document.typed ?? 0) % TYPED.length];
  document.typed = (document.typed ?? 0) + 1;
  return char;
}

export async function measureTyping(session, uri, { offset, edits }) {
  const samples = [];
  const document = session.documents.get(uri);
  const cpuBefore = session.cpuMs();
  for (let i = 0; i < edits; i++) {
    const at = offset + (document.typed ?? 0);
    const { ms } = await session.typeAndWait(uri, at, nextChar(document));
    samples.push(ms);
  }
  // Per edit on average: /proc's 10 ms resolution is too coarse for one small lint.
  return { ...summarize(samples), cpuPerEditMs: (session.cpuMs() - cpuBefore) / edits };
}

/**
 * A key typed while the lint of the previous key is running (debounce 0): the running lint is for
 * stale text, so how long until the diagnostics of the new text arrive?
 */
export async function measureTypingDuringLint(session, uri, { offset, edits }) {
  const samples = [];
  const document = session.documents.get(uri);
  const client = session.client;
  for (let i = 0; i < edits; i++) {
    const statusesBefore = client.statuses.length;
    await session.type(uri, offset + (document.typed ?? 0), nextChar(document));
    await client.waitUntil(
      () => client.statuses.slice(statusesBefore).find((s) => s.uri === uri && s.state === 'linting'),
      'a lint to start',
      600_000,
    );
    // The first key's diagnostics are never published (superseded); the second's come after its lint,
    // which the single worker starts only once the stale one has finished: the next sample starts idle.
    const { ms } = await session.typeAndWait(uri, offset + (document.typed ?? 0), nextChar(document));
    samples.push(ms);
  }
  return summarize(samples);
}
