// The diff command's report: what the formatters (stylish, markdown, json, sarif) render.
import type { ExposureChange } from '../../engine/exposure/diff';
import type { Audience, Range } from '../../engine/types';

export interface LocatedChange extends ExposureChange {
  /** File the change points at, relative to cwd with "/" (the old name for things that are gone). */
  file: string;
  /** 0-based range of jsonPath in that file's version (root document; a $ref'd part points at its $ref). */
  range: Range;
}

export interface DocumentDiff {
  /** Relative to cwd, "/"-separated: the name now (the old name when the document was removed). */
  file: string;
  /** The name at the base when it differs (rename, move). */
  oldFile?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  changes: LocatedChange[];
}

export interface DiffReport {
  /** The ref as given (e.g. origin/main) and the merge-base commit compared with. */
  base: string;
  baseCommit: string;
  /** Every document compared, with or without changes, in a stable order. */
  documents: DocumentDiff[];
  operationsBefore: Partial<Record<Audience, number>>;
  operationsAfter: Partial<Record<Audience, number>>;
  /** Documents whose $refs could not all be resolved (the comparison may miss something there). */
  notes: string[];
}

export interface DiffFormatOptions {
  color?: boolean;
  toolVersion?: string;
}

export type DiffFormatter = (report: DiffReport, options: DiffFormatOptions) => string;

export function allChanges(report: DiffReport): LocatedChange[] {
  return report.documents.flatMap((d) => d.changes);
}

export function needsReview(report: DiffReport): boolean {
  return allChanges(report).some((c) => c.review);
}
