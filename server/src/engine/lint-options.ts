import type { AudienceConfig } from './types';
import type { TrustOptions } from './host';

export interface LintOptions {
  /** Absolute path of the document (for untitled buffers, a pseudo path inside the workspace). */
  filePath: string;
  text: string;
  /** Explicit ruleset file or built-in name; when absent the nearest .spectral.* walking up from filePath is used, else the built-in default. */
  rulesetFile?: string;
  /** Discovery stops at this directory (workspace folder / repository root / cwd). */
  discoveryRoot?: string;
  audience?: AudienceConfig;
  trust: TrustOptions;
  /**
   * What to do when the ruleset cannot be loaded: 'throw' a RulesetLoadError (CLI: exit 2),
   * or 'fallback' to the last good ruleset for that file, else the built-in default, and report it in
   * LintResult.rulesetError (language server).
   */
  onRulesetError?: 'throw' | 'fallback';
  /** Documents larger than this many characters are not linted (reported instead). Default 50 MB. */
  maxDocumentSize?: number;
  /**
   * Time budget of this lint in ms, for a document of up to 3 MB; bigger documents get proportionally more
   * (see effectiveBudgetMs). When it is spent, no rule function starts any more: the findings computed so far
   * are returned with one finding naming the rules that did not finish. Default: the WorkerLinter's (30 s).
   */
  timeoutMs?: number;
  /**
   * Texts of other files to use instead of their contents on disk (absolute path → text): an editor's
   * open, maybe unsaved, documents, so a root sees the fragment being typed.
   */
  openDocuments?: Record<string, string>;
  /**
   * Only the exposure rules, computed without Spectral's walk of the whole document (see exposure-first/):
   * the editor's early answer. The result has `phase: 'exposure'`, and `exposureUnavailable` when this
   * shortcut cannot promise Spectral's answer for this document (then only the complete lint can tell).
   */
  exposureOnly?: boolean;
  /** Rules to skip for this run (set by the worker after a rule exceeded the time budget). */
  disabledRules?: string[];
}

/**
 * The one size limit of a lint, in characters of text (decimal megabytes in messages and --max-document-size).
 * Microsoft Graph's description (20.3 MB) and GitHub's (13 MB) are linted; its beta (47 MB) too.
 */
export const DEFAULT_MAX_DOCUMENT_SIZE = 50_000_000;

/** The size limit that applies to a lint: the requested one, else the default. */
export function documentSizeLimit(maxDocumentSize: number | undefined): number {
  return maxDocumentSize ?? DEFAULT_MAX_DOCUMENT_SIZE;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * The budget is per this many characters of document: a 13 MB spec is not a 500 KB one. Sized so that the largest
 * public specs complete with the default budget: Microsoft Graph's 20.3 MB needs 100–140 s of CPU (docs/benchmarks.md).
 */
export const BUDGET_UNIT_SIZE = 3_000_000;

/** The time budget of one lint of a document of `size` characters: the configured budget, scaled up beyond 3 MB. */
export function effectiveBudgetMs(timeoutMs: number | undefined, size: number): number {
  return Math.round((timeoutMs ?? DEFAULT_TIMEOUT_MS) * Math.max(1, size / BUDGET_UNIT_SIZE));
}
