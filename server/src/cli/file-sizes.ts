// The size of the biggest of the files a run lints, to pick its lint workers' heap (cliWorkerHeap) before they start:
// for the early worker from the files named on the command line (cli/launch.ts), for the rest from the files found.
import { statSync } from 'node:fs';
import path from 'node:path';

/** Bytes of the biggest of these paths that is a file (0 when none is: a folder, a glob, a missing file). */
export function largestFileBytes(paths: readonly string[], cwd: string): number {
  let largest = 0;
  for (const file of paths) {
    try {
      const stats = statSync(path.resolve(cwd, file));
      if (stats.isFile() && stats.size > largest) largest = stats.size;
    } catch {
      // not a file we can see: it does not count
    }
  }
  return largest;
}
