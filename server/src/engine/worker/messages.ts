// Messages between the lint worker thread and the process that owns it. Plain data only.
import type { LintOptions } from '../lint-options';
import type { LintResult } from '../types';

export type ToWorker =
  | { type: 'lint'; id: number; options: LintOptions; disabledRules: string[] }
  | { type: 'invalidate'; path?: string };

export type FromWorker =
  | { type: 'result'; id: number; result: LintResult; rulesetDependencies: string[] }
  | { type: 'error'; id: number; name: string; message: string; rulesetFile?: string; detail?: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** Shared memory where the worker writes the name of the rule it is running: readable while it is stuck. */
export const CURRENT_RULE_BYTES = 512;
