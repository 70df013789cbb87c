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
  /** Documents larger than this many characters are not linted (reported instead). Default 20 MB. */
  maxDocumentSize?: number;
  /** Time budget of this lint in ms (the worker stops it after that). Default: the WorkerLinter's. */
  timeoutMs?: number;
  /**
   * Texts of other files to use instead of their contents on disk (absolute path → text): an editor's
   * open, maybe unsaved, documents, so a root sees the fragment being typed.
   */
  openDocuments?: Record<string, string>;
  /** Rules to skip for this run (set by the worker after a rule exceeded the time budget). */
  disabledRules?: string[];
}

export const DEFAULT_MAX_DOCUMENT_SIZE = 20_000_000;
