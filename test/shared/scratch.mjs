// Temp folders for tests: each is created in os.tmpdir() (real path, so macOS's /var → /private/var and the like
// cannot make paths disagree) and removed when the test process ends, whether its tests passed or failed.
import { mkdtempSync, promises as fs, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made = new Set();

// node --test runs each test file in its own process, so one exit handler per process removes all of that file's folders.
process.on('exit', () => {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort: a folder that cannot be removed must not change the test process's exit code.
    }
  }
});

/** A fresh temp folder (real path) named `prefix` + random characters, removed when the process exits. */
export function scratchDir(prefix = 'ael-') {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  made.add(dir);
  return dir;
}

/** The same as scratchDir, created asynchronously. */
export async function scratchDirAsync(prefix = 'ael-') {
  const dir = await fs.realpath(await fs.mkdtemp(path.join(tmpdir(), prefix)));
  made.add(dir);
  return dir;
}
