// Lints many files at once: up to `concurrency` lints in flight (the WorkerLinter spreads them over its
// worker threads, one per core), results kept in input order so reports do not depend on timing.
import type { LintedFile, LintPlan } from './lint-file';
import { lintFile } from './lint-file';
import { createProgress } from './progress';

export interface LintManyOptions {
  concurrency: number;
  /** Called once per file as it finishes (any order): progress, notes. */
  onDone?: (result: LintedFile, index: number) => void;
}

export async function lintMany(files: readonly string[], plan: LintPlan, options: LintManyOptions): Promise<LintedFile[]> {
  const results: LintedFile[] = new Array(files.length);
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const index = next++;
      results[index] = await lintFile(files[index], plan);
      options.onDone?.(results[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, files.length)) }, lane));
  return results;
}

/** lintMany with the run's concurrency and a progress bar on stderr (when it is a terminal and the run is not --quiet). */
export async function lintWithProgress(
  files: readonly string[],
  plan: LintPlan,
  environment: { env: Record<string, string | undefined>; concurrency?: number },
  label?: string,
): Promise<LintedFile[]> {
  const progress = createProgress(files.length, plan.stderr, environment.env, plan.options.quiet, label);
  try {
    return await lintMany(files, plan, { concurrency: environment.concurrency ?? 1, onDone: () => progress.tick() });
  } finally {
    progress.stop();
  }
}
