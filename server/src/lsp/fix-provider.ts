// The engine's fixers behind a small interface, so tests (and a future worker) can supply their own.
import { getFixAllEdits, getFixes, listFixes, resolveFix, type FixSummary } from '../engine/fixes';
import type { DocumentFormat, Finding, Fix, TextEdit } from '../engine/types';

export interface FixOptions {
  /** The format the lint detected; saves the fixers from guessing. */
  format?: DocumentFormat;
}

export interface FixProvider {
  getFixes(text: string, finding: Finding, options?: FixOptions): Fix[];
  /** Non-overlapping edits of every safe fix for these findings, by offset in `text`. */
  getFixAllEdits(text: string, findings: Finding[], options?: FixOptions): TextEdit[];
  /** Titles only (large documents: edits are computed on codeAction/resolve). */
  listFixes?(text: string, finding: Finding, options?: FixOptions): FixSummary[];
  resolveFix?(text: string, finding: Finding, id: string, options?: FixOptions): Fix | undefined;
}

export const engineFixProvider: FixProvider = { getFixes, getFixAllEdits, listFixes, resolveFix };
