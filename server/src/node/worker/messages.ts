// Messages between the lint worker thread and the process that owns it. Plain data only.
import type { LintOptions } from '../../engine/lint-options';
import type { DocumentFormat, Finding, LintResult } from '../../engine/types';
import type { TextSplice } from './text-splice';

/** Quick-fix work on large documents, done off the language server's thread. */
export type FixRequest =
  | { kind: 'all'; text: string; finding: Finding; format?: DocumentFormat }
  | { kind: 'list'; text: string; finding: Finding; format?: DocumentFormat }
  | { kind: 'resolve'; text: string; finding: Finding; id: string; format?: DocumentFormat }
  | { kind: 'fixAll'; text: string; findings: Finding[]; format?: DocumentFormat };

/**
 * The document of a lint: its whole text, or the splice that turns the version the worker holds for that path into
 * it (text-splice.ts). With `hold`, the worker keeps this version for the next splice, until told to `drop` it.
 */
export type LintText = ({ whole: string } | { splice: TextSplice }) & { hold: boolean };

export type ToWorker =
  | { type: 'lint'; id: number; options: Omit<LintOptions, 'text'>; text: LintText; disabledRules: string[] }
  | { type: 'fixes'; id: number; request: FixRequest }
  | { type: 'invalidate'; path?: string }
  | { type: 'drop'; path: string };

export type FromWorker =
  | { type: 'result'; id: number; result: LintResult; rulesetDependencies: string[] }
  | { type: 'fixes'; id: number; result: unknown }
  | { type: 'error'; id: number; name: string; message: string; rulesetFile?: string; detail?: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** Shared memory where the worker writes the name of the rule it is running: readable while it is stuck. */
export const CURRENT_RULE_BYTES = 512;

/**
 * Shared memory (Float64 slots) where the worker writes when the current lint's time budget started counting:
 * LINT_CLOCK_WALL in ms since the epoch, 0 while the worker is starting up or loading the ruleset (which have
 * their own, longer bound); LINT_CLOCK_CPU the worker thread's CPU time then (ms, -1 if unknown); THREAD_ID
 * its Linux thread id (0 if unknown), so the owner can read that thread's CPU time while it is stuck.
 */
export const LINT_CLOCK_WALL = 0;
export const LINT_CLOCK_CPU = 1;
export const THREAD_ID = 2;
export const LINT_CLOCK_BYTES = 3 * 8;
