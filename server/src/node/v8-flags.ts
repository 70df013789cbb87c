// The V8 flags of the processes this project starts (the CLI, the language server), set first thing: before any
// bundle compiles and any worker starts. V8's flags are the whole process's, and V8 takes a code cache
// (node/bundle-loader.ts) only under the flags it was made with, so they must not change during a run.
import { boundHeapGrowth } from './heap-growth';
import { exposeGarbageCollection } from './collect-garbage';

export function setProcessV8Flags(): void {
  boundHeapGrowth();
  // For collectGarbage: after a big document's lint or close, and after the server's bundle loads.
  exposeGarbageCollection();
}
