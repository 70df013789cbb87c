// A fix before it is turned into text edits: a title and a list of path-based edit ops.
import type { Finding, Fix, JsonPath } from '../types';
import type { EditOp } from './edit-ops';
import { SourceDoc } from './source-doc';
import { applyEdits, diffToEdits } from './text-edits';
import { operationPathOf, specVersion, type SpecVersion } from '../openapi';

/** A fix of rule C; its id starts with the rule's code ("external-oauth2/operation"). */
export interface PlannedFix<C extends string = string> {
  title: string;
  id: `${C}/${string}`;
  ops: EditOp[];
  isPreferred?: boolean;
  safe: boolean;
}

export interface FixContext<C extends string = string> {
  doc: SourceDoc;
  /** The document as plain data. */
  data: unknown;
  finding: Finding & { code: C };
  version: SpecVersion;
  /** ["paths", path, method] when the finding is under an operation. */
  operationPath?: JsonPath;
}

/** Quick fixes of rule C for one of its findings (none when it cannot fix this one). Bivariant on purpose: see RuleModule. */
export type Fixer<C extends string = string> = { fix(ctx: FixContext<C>): PlannedFix<C>[] }['fix'];

export function createContext<C extends string>(doc: SourceDoc, finding: Finding & { code: C }): FixContext<C> {
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
