// The engine's fixers behind a small interface, so tests can supply their own and large documents can
// be fixed in a worker thread. Every method may answer synchronously (small documents: a few ms on the
// server's thread) or with a promise (large documents: seconds of parsing, done in the FixWorker).
import { FixWorker } from '../node/worker/fix-worker';
import { getFixAllEdits, getFixes, listFixes, resolveFix, type FixSummary } from '../engine/fixes';
import type { DocumentFormat, Finding, Fix, TextEdit } from '../engine/types';

export interface FixOptions {
  /** The format the lint detected; saves the fixers from guessing. */
  format?: DocumentFormat;
}

type MaybePromise<T> = T | Promise<T>;

export interface FixProvider {
  getFixes(text: string, finding: Finding, options?: FixOptions): MaybePromise<Fix[]>;
  /** Non-overlapping edits of every safe fix for these findings, by offset in `text`. */
  getFixAllEdits(text: string, findings: Finding[], options?: FixOptions): MaybePromise<TextEdit[]>;
  /** Titles only (large documents: edits are computed on codeAction/resolve). */
  listFixes?(text: string, finding: Finding, options?: FixOptions): MaybePromise<FixSummary[]>;
  resolveFix?(text: string, finding: Finding, id: string, options?: FixOptions): MaybePromise<Fix | undefined>;
  /** Nothing is open any more: give back the memory kept for fixing large documents. */
  release?(): void;
  dispose?(): unknown;
}

/** The fixers on the calling thread. */
export const engineFixProvider: FixProvider = { getFixes, getFixAllEdits, listFixes, resolveFix };

/** Documents from this size (characters) are fixed in the worker. */
export const LARGE_DOCUMENT = 256 * 1024;

/** Small documents on the server's thread, large ones in a worker of their own (started on first use). */
export function createWorkerFixProvider(workerScript: string): FixProvider {
  const worker = new FixWorker(workerScript);
  const large = (text: string) => text.length >= LARGE_DOCUMENT;
  return {
    getFixes: (text, finding, options = {}) =>
      large(text) ? worker.run<Fix[]>({ kind: 'all', text, finding, format: options.format }) : getFixes(text, finding, options),
    getFixAllEdits: (text, findings, options = {}) =>
      large(text)
        ? worker.run<TextEdit[]>({ kind: 'fixAll', text, findings, format: options.format })
        : getFixAllEdits(text, findings, options),
    listFixes: (text, finding, options = {}) =>
      large(text) ? worker.run<FixSummary[]>({ kind: 'list', text, finding, format: options.format }) : listFixes(text, finding, options),
    resolveFix: async (text, finding, id, options = {}) =>
      large(text)
        ? ((await worker.run<Fix | null>({ kind: 'resolve', text, finding, id, format: options.format })) ?? undefined)
        : resolveFix(text, finding, id, options),
    release: () => worker.release(),
    dispose: () => worker.dispose(),
  };
}
