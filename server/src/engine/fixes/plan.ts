// A fix before it is turned into text edits: a title and a list of path-based edit ops.
import type { Finding, Fix, JsonPath } from '../types';
import type { EditOp } from './edit-ops';
import { SourceDoc } from './source-doc';
import { applyEdits, diffToEdits } from './text-edits';
import { operationPathOf, specVersion, type SpecVersion } from './openapi-model';

export interface PlannedFix {
  title: string;
  id: string;
  ops: EditOp[];
  isPreferred?: boolean;
  safe: boolean;
}

export interface FixContext {
  doc: SourceDoc;
  /** The document as plain data. */
  data: unknown;
  finding: Finding;
  version: SpecVersion;
  /** ["paths", path, method] when the finding is under an operation. */
  operationPath?: JsonPath;
}

export type Fixer = (ctx: FixContext) => PlannedFix[];

export function createContext(doc: SourceDoc, finding: Finding): FixContext {
  return { doc, data: doc.data, finding, version: specVersion(doc.data), operationPath: operationPathOf(finding.path) };
}

/**
 * Runs the ops one after the other, re-parsing between them, and returns the final text,
 * or undefined when nothing changed or the result no longer parses.
 */
export function runOps(text: string, format: SourceDoc['format'], ops: EditOp[]): string | undefined {
  let current = text;
  for (const op of ops) {
    const edit = op(new SourceDoc(current, format));
    if (edit) current = applyEdits(current, [edit]);
  }
  if (current === text) return undefined;
  if (!new SourceDoc(current, format).ok) return undefined;
  return current;
}

export function toFix(text: string, format: SourceDoc['format'], plan: PlannedFix): Fix | undefined {
  const after = runOps(text, format, plan.ops);
  if (after === undefined) return undefined;
  const fix: Fix = { title: plan.title, id: plan.id, edits: diffToEdits(text, after), safe: plan.safe };
  if (plan.isPreferred) fix.isPreferred = true;
  return fix;
}
