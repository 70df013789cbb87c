// The server talks to the engine only through this interface, so the in-process Linter can be
// swapped for a worker-thread implementation (or a slow fake in tests) without touching handlers.
import type { LintOptions } from '../engine/lint-options';
import type { LintResult } from '../engine/types';
import os from 'node:os';
import path from 'node:path';
import type { Linter } from '../engine/linter';
import type { EngineLogger } from '../engine/host';
import { LintCancelledError, SPLICE_FROM_CHARS, WorkerLinter } from '../node/worker/worker-linter';

/** Structurally compatible with the LSP CancellationToken; no transport types leak into backends. */
export interface LintCancellation {
  readonly isCancellationRequested: boolean;
}

export interface LintBackend {
  /** May resolve with a result even when cancelled; the caller discards results it no longer wants. */
  lint(options: LintOptions, token?: LintCancellation): Promise<LintResult>;
  /** Forget cached rulesets (all, or those depending on `path`). The result of a lint names its ruleset and the files it was built from. */
  invalidate(path?: string): void;
  /** Stop the workers, now or when their lint ends (their heaps, caches and loaded rulesets go with them). */
  releaseWorkers?(): Promise<void>;
  /** Worker threads still running (terminating ones included); none for an in-process backend. */
  runningThreads?(): number;
  /** The editor closed this document: release what the backend kept for it alone. */
  documentClosed?(filePath: string): Promise<void>;
  dispose?(): void | Promise<void>;
}

/**
 * Runs the engine on the language server's own thread (tests and `inProcess`). The engine is import()ed on the
 * first lint: a server that lints in workers never loads Spectral in its own thread.
 */
export function createInProcessBackend(log: EngineLogger): LintBackend {
  let linter: Promise<Linter> | undefined;
  const loaded = () =>
    (linter ??= Promise.all([import('../engine/linter'), import('../node/host')]).then(
      ([{ Linter }, { createNodeHost }]) => new Linter(createNodeHost(log)),
    ));
  return {
    async lint(options, token) {
      // Spectral cannot be interrupted mid-run; skipping work that is already stale is what we can do.
      if (token?.isCancellationRequested) throw new LintCancelledError();
      return (await loaded()).lint(options);
    },
    invalidate(path) {
      void linter?.then((loadedLinter) => loadedLinter.invalidate(path));
    },
  };
}

/**
 * Runs lints in a worker thread: a multi-megabyte spec or a looping ruleset function never blocks hover,
 * code actions or other documents, and a lint over its time budget is stopped, not just abandoned.
 */
export function createWorkerBackend(log: EngineLogger, proxy?: { url?: string; strictSSL?: boolean }): LintBackend {
  // dist/server.js and dist/lint-worker.js are built side by side.
  // Two workers on two or more cores: a small document's lint never queues behind a multi-megabyte one.
  const concurrency = Math.min(2, Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
  // Documents are linted again at every edit: big ones go to the workers as splices of the version they hold.
  const linter = new WorkerLinter({
    workerScript: path.join(__dirname, 'lint-worker.js'),
    log,
    proxy,
    concurrency,
    spliceFromChars: SPLICE_FROM_CHARS,
  });
  return {
    lint: (options, token) => linter.lint(options, token),
    invalidate: (p) => linter.invalidate(p),
    releaseWorkers: () => linter.releaseWorkers(),
    documentClosed: (filePath) => linter.documentClosed(filePath),
    runningThreads: () => linter.runningThreads(),
    dispose: () => linter.dispose(),
  };
}
