// The V8 flags of the processes this project starts (the CLI, the language server), set first thing: before any
// bundle compiles and any worker starts. V8's flags are the whole process's, and V8 takes a code cache
// (node/bundle-loader.ts) only under the flags it was made with, so they must not change during a run; and since the
// CLI and the language server set different ones but load the same lint worker bundle, the flags are part of the
// code caches' names (v8FlagsTag): each keeps its own cache instead of each rejecting and rewriting the other's.
import { workerData } from 'node:worker_threads';
import { boundHeapGrowth, CLI_HEAP_GROWING_PERCENT, HEAP_GROWING_PERCENT } from './heap-growth';
import { exposeGarbageCollection } from './collect-garbage';

/** Where a thread keeps the tag of its process's flags (globalThis: every bundle loaded in the thread sees it). */
const TAG = Symbol.for('api-exposure-lint.v8-flags');

export interface ProcessV8Flags {
  /** V8's --heap-growing-percent (heap-growth.ts); default HEAP_GROWING_PERCENT. */
  heapGrowingPercent?: number;
}

/** The CLI's (the language server sets the defaults). */
export const CLI_V8_FLAGS: ProcessV8Flags = { heapGrowingPercent: CLI_HEAP_GROWING_PERCENT };

/** The short name of a set of flags, in the code caches' names. */
export function v8FlagsTagOf(flags: ProcessV8Flags = {}): string {
  return `hg${flags.heapGrowingPercent ?? HEAP_GROWING_PERCENT}`;
}

export function setProcessV8Flags(flags: ProcessV8Flags = {}): void {
  boundHeapGrowth(flags.heapGrowingPercent ?? HEAP_GROWING_PERCENT);
  // For collectGarbage: after a big document's lint or close, and after the server's bundle loads.
  exposeGarbageCollection();
  (globalThis as { [TAG]?: string })[TAG] = v8FlagsTagOf(flags);
}

/**
 * A short name of the flags this process set ('' when it set none: tests, a host of its own): in the main thread as
 * setProcessV8Flags left it, in a worker thread as its owner passed it (workerData.v8Flags, v8FlagsWorkerData).
 */
export function v8FlagsTag(): string {
  return (globalThis as { [TAG]?: string })[TAG] ?? (workerData as { v8Flags?: string } | null)?.v8Flags ?? '';
}

/** What a worker thread needs in its workerData to name its code caches as its owner does. */
export function v8FlagsWorkerData(): { v8Flags: string } {
  return { v8Flags: v8FlagsTag() };
}
