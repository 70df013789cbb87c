// Quick fixes, as pure functions: document text + finding → offset edits. Each rule module brings its
// fixers (server/src/engine/rules/rule-module.ts); every finding also gets "ignore here".
// The language server converts offsets to ranges; the CLI applies them with applyEdits.
import type { DocumentFormat, Finding, Fix, TextEdit } from '../types';
import { fixerFor } from './fixer-for';
import { fixIgnore } from './fix-ignore';
import { createContext, runOps, toFix, type PlannedFix } from './plan';
import { SourceDoc, guessFormat } from './source-doc';
import { applyEdits, diffToEdits } from './text-edits';

export { applyEdits } from './text-edits';
export { getReferencedFixes, applyReferencedFixAll, type MultiFileFix, type FileText } from './referenced';

export interface GetFixesOptions {
  format?: DocumentFormat;
}

/** A fix without its edits: what an editor lists before the user picks one (see resolveFix). */
export type FixSummary = Omit<Fix, 'edits'>;

// The parse of the last document asked about: an editor asks for the fixes of several diagnostics of the
// same text in a row, and parsing a multi-megabyte spec is the expensive part.
let lastParsed: SourceDoc | undefined;
function parsed(text: string, format: DocumentFormat): SourceDoc {
  if (lastParsed?.text !== text || lastParsed.format !== format) lastParsed = new SourceDoc(text, format);
  return lastParsed;
}

function plansFor(text: string, finding: Finding, options: GetFixesOptions): { format: DocumentFormat; plans: PlannedFix[] } | undefined {
  const fixer = fixerFor(finding.code);
  if (!fixer) return undefined;
  const format = options.format ?? guessFormat(text);
  const doc = parsed(text, format);
  if (!doc.ok) return undefined;
  const ctx = createContext(doc, finding);
  return { format, plans: [...fixer(ctx), ...fixIgnore(ctx)].sort((a, b) => Number(!!b.isPreferred) - Number(!!a.isPreferred)) };
}

/** The fixes one finding would get, without computing their edits (one parse): for large documents. */
export function listFixes(text: string, finding: Finding, options: GetFixesOptions = {}): FixSummary[] {
  return (plansFor(text, finding, options)?.plans ?? []).map(({ ops: _ops, ...summary }) => summary);
}

/** The edits of one listed fix, computed when the user picks it. */
export function resolveFix(text: string, finding: Finding, id: string, options: GetFixesOptions = {}): Fix | undefined {
  const planned = plansFor(text, finding, options);
  const plan = planned?.plans.find((p) => p.id === id);
  if (!planned || !plan) return undefined;
  try {
    return toFix(text, planned.format, plan);
  } catch {
    return undefined;
  }
}

/** Every fix for one finding; the preferred one first. Empty when the document does not parse. */
export function getFixes(text: string, finding: Finding, options: GetFixesOptions = {}): Fix[] {
  const planned = plansFor(text, finding, options);
  if (!planned) return [];
  const { format, plans } = planned;
  const fixes: Fix[] = [];
  for (const plan of plans) {
    try {
      const fix = toFix(text, format, plan);
      if (fix) fixes.push(fix);
    } catch {
      // A fix that cannot be computed on an odd document is simply not offered.
    }
  }
  return fixes;
}

/**
 * Every safe fix of `findings`, as one set of non-overlapping edits on `text`. Fixes are applied
 * one at a time, each derived again from the text the previous ones produced (so a shared
 * component is created once), and the final text is diffed against the original.
 */
export function getFixAllEdits(text: string, findings: Finding[], options: GetFixesOptions = {}): TextEdit[] {
  const format = options.format ?? guessFormat(text);
  let current = text;
  for (const finding of findings) {
    const fixer = fixerFor(finding.code);
    if (!fixer) continue;
    const doc = parsed(current, format);
    if (!doc.ok) break;
    const plan = fixer(createContext(doc, finding)).find((p) => p.safe);
    if (!plan) continue;
    try {
      current = runOps(current, format, plan.ops) ?? current;
    } catch {
      // Skip this finding; the others still apply.
    }
  }
  return diffToEdits(text, current);
}

/** Convenience for the CLI's --fix: the fixed text. */
export function applyFixAll(text: string, findings: Finding[], options: GetFixesOptions = {}): string {
  return applyEdits(text, getFixAllEdits(text, findings, options));
}
