// The engine's I/O on Node: files from disk, fetch from the platform (used only when the user
// allowed remote rulesets/$refs), logs to a sink the caller chooses (stderr for the CLI, the
// LSP console for the server).
import { promises as fs } from 'node:fs';
import type { EngineHost, EngineLogger } from './engine/host';
import { silentLogger } from './engine/host';

export function createNodeHost(log: EngineLogger = silentLogger): EngineHost {
  return {
    log,
    fs: {
      readFile: (path) => fs.readFile(path, 'utf8'),
      exists: async (path) => {
        try {
          await fs.access(path);
          return true;
        } catch {
          return false;
        }
      },
      mtime: async (path) => {
        try {
          return (await fs.stat(path)).mtimeMs;
        } catch {
          return undefined;
        }
      },
    },
    fetch: (url, init) => globalThis.fetch(url, init),
  };
}
