// A full garbage collection on demand, for the moments a big document has just gone (its lint ended in a
// worker, or the editor closed it): V8 collects when the next allocation asks, and an idle language server
// allocates nothing, so a closed 13 MB spec's garbage would otherwise stay resident indefinitely.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Collection {
  beforeMb: number;
  afterMb: number;
  ms: number;
}

let gc: (() => void) | undefined;

/**
 * Node 20 has no API for a collection but V8's flag, which takes effect for contexts created after it is set. The
 * CLI and the language server set it at start (node/v8-flags.ts): a flag set later would change V8's flags under
 * the code caches made before (node/bundle-loader.ts).
 */
export function exposeGarbageCollection(): void {
  setFlagsFromString('--expose-gc');
}

export function collectGarbage(): Collection {
  if (!gc) {
    exposeGarbageCollection();
    gc = runInNewContext('gc') as () => void;
  }
  // V8 keeps the subject of the last successful RegExp match (the legacy RegExp.lastMatch): after a lint,
  // that is often the whole document, 26 MB for GitHub's spec, seen in a heap snapshot after the close.
  // A match on an empty string lets it go.
  /(?:)/.exec('');
  const before = getHeapStatistics().used_heap_size;
  const start = performance.now();
  gc();
  const mb = (bytes: number) => Math.round(bytes / 1e6);
  return { beforeMb: mb(before), afterMb: mb(getHeapStatistics().used_heap_size), ms: Math.round(performance.now() - start) };
}
