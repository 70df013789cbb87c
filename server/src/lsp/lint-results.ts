// The latest published lint of each open document. Fix-all, hover and CodeLens answer from here instead of
// re-linting, so they stay fast while a new lint is pending (quick fixes need only what their diagnostic carries).
import type { LintOptions } from '../engine/lint-options';
import type { LintResult } from '../engine/types';

export interface DocumentLint {
  uri: string;
  version: number;
  /** The text the result was computed from; fix offsets refer to it. */
  text: string;
  options: LintOptions;
  result: LintResult;
}

interface VersionWaiter {
  uri: string;
  version: number;
  resolve(lint: DocumentLint | undefined): void;
}

export class LintResults {
  /** Bound: one entry per open document (deleted on close). */
  private readonly byUri = new Map<string, DocumentLint>();
  /** Bound: each waiter leaves on its result, a newer version, close, or its timeout (lintTimeoutMs). */
  private readonly waiters = new Set<VersionWaiter>();

  /** Entries held (resource-bound tests). */
  get size(): number {
    return this.byUri.size + this.waiters.size;
  }

  set(lint: DocumentLint): void {
    this.byUri.set(lint.uri, lint);
    for (const waiter of this.waiters) {
      if (waiter.uri !== lint.uri || lint.version < waiter.version) continue;
      this.waiters.delete(waiter);
      waiter.resolve(lint.version === waiter.version ? lint : undefined);
    }
  }

  /**
   * The result for exactly this version, waiting for it when it is not there yet (a save that comes
   * before the debounced lint, with fix-all on save). Undefined when a newer version won or time ran out.
   */
  whenVersion(uri: string, version: number, timeoutMs: number): Promise<DocumentLint | undefined> {
    const ready = this.getForVersion(uri, version);
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const waiter: VersionWaiter = {
        uri,
        version,
        resolve: (lint) => {
          clearTimeout(timer);
          resolve(lint);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  get(uri: string): DocumentLint | undefined {
    return this.byUri.get(uri);
  }

  /** Only a result computed for exactly this version may drive edits. */
  getForVersion(uri: string, version: number): DocumentLint | undefined {
    const lint = this.byUri.get(uri);
    return lint && lint.version === version ? lint : undefined;
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
    for (const waiter of this.waiters) {
      if (waiter.uri !== uri) continue;
      this.waiters.delete(waiter);
      waiter.resolve(undefined);
    }
  }
}
