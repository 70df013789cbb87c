// Each run opens a fresh copy of a fixture folder: tests edit and save files and write .vscode/settings.json.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const e2eFixtures = path.join(repoRoot, 'test/fixtures/e2e');
export const resultsDir = path.join(repoRoot, 'test/e2e/.results');

/** Copies test/fixtures/e2e/<name> to a temporary folder; `remove()` deletes it. */
export function copyFixtureFolder(name) {
  const scratch = mkdtempSync(path.join(tmpdir(), `api-exposure-lint-e2e-${name}-`));
  const folder = path.join(scratch, name);
  cpSync(path.join(e2eFixtures, name), folder, { recursive: true });
  return { scratch, folder, remove: () => rmSync(scratch, { recursive: true, force: true }) };
}
