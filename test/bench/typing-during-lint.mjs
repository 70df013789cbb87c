// node test/bench/typing-during-lint.mjs [keys] — keys typed while the previous key's complete lint still runs, on
// GitHub's 13 MB spec in the real language server: keystroke → first publish of that version, and the server's peak
// memory. `npm run bench` types each key once the previous lint is done; a user typing on does not wait.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServerSession } from './lsp-session.mjs';
import { ensureRealSpecs } from './real-specs.mjs';

const keys = Number(process.argv[2] ?? 5);
await ensureRealSpecs();
const file = path.resolve('.cache/bench-specs/octokit-openapi/generated/api.github.com.json');
const text = readFileSync(file, 'utf8');
const dir = mkdtempSync(path.join(os.tmpdir(), 'ael-typing-'));
const target = path.join(dir, path.basename(file));
writeFileSync(target, text);
const session = await ServerSession.start(dir, {});
try {
  const client = session.client;
  const uri = (await session.open(target, text)).uri;
  const before = client.statuses.length;
  await client.waitUntil(
    () => client.statuses.slice(before).some((s) => s.uri === uri && s.state !== 'linting'),
    'the cold lint',
    1_800_000,
  );
  const offset = text.indexOf('"description"') + '"description": "'.length;
  const samples = [];
  for (let i = 0; i < keys; i++) {
    const version = session.documents.get(uri).version + 1;
    const start = performance.now();
    const first = client.waitForDiagnostics(uri, (p) => p.version === version, 1_800_000, client.publishes.length);
    await session.type(uri, offset + i, 'x');
    await first;
    samples.push(Math.round(performance.now() - start));
    // The next key lands while this version's complete lint runs (past the debounce, seconds before its end).
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  console.log(`key during a lint → first publish: ${samples.join(', ')} ms; server peak ${Math.round(session.peakMemoryKb() / 1000)} MB`);
} finally {
  await session.stop();
  rmSync(dir, { recursive: true, force: true });
}
