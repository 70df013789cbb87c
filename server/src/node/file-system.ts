// The engine's view of the disk (EngineFileSystem) on Node, on its own: the CLI's main thread and the worker
// pool choose rulesets with it without loading the rest of the engine's host.
import { promises as fs } from 'node:fs';
import type { EngineFileSystem } from '../engine/host';

export function createNodeFileSystem(): EngineFileSystem {
  return {
    readFile: (path) => fs.readFile(path, 'utf8'),
    exists: async (path) => {
      try {
        await fs.access(path);
        return true;
      } catch {
        return false;
      }
    },
    realPath: (path) => fs.realpath(path),
    fileInfo: (path) =>
      fs.stat(path).then(
        (stat) => ({ isFile: stat.isFile(), size: stat.size }),
        () => undefined,
      ),
    mtime: async (path) => {
      try {
        return (await fs.stat(path)).mtimeMs;
      } catch {
        return undefined;
      }
    },
  };
}
