// Quick fixes for the exposure rules, as pure functions: document text + finding → offset edits.
// The language server converts offsets to ranges; the CLI applies them with applyEdits.
import type { DocumentFormat, Finding, Fix, TextEdit } from '../types';
import { fixAudienceDeclared } from './fix-audience';
import { fixCodeSamples } from './fix-code-samples';
import { fixIgnore } from './fix-ignore';
import { fixExternalOAuth2 } from './fix-oauth2';
import { fixPermissionScopes } from './fix-permission-scopes';
import { fixRateLimit } from './fix-rate-limit';
import { createContext, runOps, toFix, type Fixer } from './plan';
import { SourceDoc, guessFormat } from './source-doc';
import { applyEdits, diffToEdits } from './text-edits';

export { applyEdits } from './text-edits';

const FIXERS: Record<string, Fixer> = {
  'exposure-audience-declared': fixAudienceDeclared,
  'external-oauth2': fixExternalOAuth2,
  'external-rate-limit': fixRateLimit,
  'external-code-samples': fixCodeSamples,
  'internal-permission-scopes': fixPermissionScopes,
};

/** Codes getFixes knows how to fix (every one also gets an "ignore" action). */
export const FIXABLE_CODES = Object.keys(FIXERS);

export interface GetFixesOptions {
  format?: DocumentFormat;
}

/** Every fix for one finding; the preferred one first. Empty when the document does not parse. */
export function getFixes(text: string, finding: Finding, options: GetFixesOptions = {}): Fix[] {
  const fixer = FIXERS[finding.code];
  if (!fixer) return [];
  const format = options.format ?? guessFormat(text);
  const doc = new SourceDoc(text, format);
  if (!doc.ok) return [];
  const ctx = createContext(doc, finding);
  const plans = [...fixer(ctx), ...fixIgnore(ctx)];
  const fixes: Fix[] = [];
  for (const plan of plans) {
    try {
      const fix = toFix(text, format, plan);
      if (fix) fixes.push(fix);
    } catch {
      // A fix that cannot be computed on an odd document is simply not offered.
    }
  }
  return fixes.sort((a, b) => Number(!!b.isPreferred) - Number(!!a.isPreferred));
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
    const fixer = FIXERS[finding.code];
    if (!fixer) continue;
    const doc = new SourceDoc(current, format);
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
