// A lint's time budget, counted in CPU time of the thread that lints when the host can tell it (Linux), else
// in wall-clock time. On a loaded machine (a shared CI runner, a laptop building something else) a lint's
// wall-clock time is mostly spent waiting for a core; charging that to the document turned a 900-byte spec
// into `lint-timeout`. Waiting is still bounded: past WALL_CAP_FACTOR times the budget in wall-clock time
// the budget is spent whatever the CPU says (a rule awaiting a promise that never settles uses no CPU).

/** Wall-clock bound, as a multiple of the budget: the budget is spent past it even without CPU use. */
export const WALL_CAP_FACTOR = 5;
/** How often the CPU clock is read once the wall-clock time is past the budget (reads cost a system call). */
const CPU_CHECK_INTERVAL_MS = 20;

/** Bound of a lint worker's start-up plus the ruleset's loading, which no lint budget is charged for. */
export const DEFAULT_SETUP_TIMEOUT_MS = 60_000;

/**
 * Past its budget the worker itself stops calling rule functions and returns the findings it has; only a
 * worker that is still busy this much later (a parser or a single call stuck) is terminated.
 */
export function hardStopGraceMs(budgetMs: number): number {
  return Math.max(5000, budgetMs / 2);
}

/**
 * The longest a lint with this budget can take in a worker, start-up included, before the worker's own
 * watchdog answers for it: a caller's backstop against a wedged backend must not fire earlier.
 */
export function workerLintBoundMs(budgetMs: number): number {
  return Math.max(DEFAULT_SETUP_TIMEOUT_MS, budgetMs) + WALL_CAP_FACTOR * (budgetMs + hardStopGraceMs(budgetMs));
}

export type ThreadCpuClock = () => number | undefined;

export interface BudgetClocks {
  /** Wall clock in ms (Date.now). */
  now(): number;
  /** CPU time this thread has used, in ms; undefined when the platform cannot tell. */
  threadCpuMs?: ThreadCpuClock;
}

export const systemClocks = (threadCpuMs?: ThreadCpuClock): BudgetClocks => ({ now: () => Date.now(), threadCpuMs });

export class LintBudget {
  private readonly startWall: number;
  private readonly startCpu: number | undefined;
  private checkedAt = 0;
  private spentByCpu = false;

  constructor(
    readonly budgetMs: number,
    private readonly clocks: BudgetClocks = systemClocks(),
  ) {
    this.startWall = clocks.now();
    this.startCpu = clocks.threadCpuMs?.();
  }

  /** True once the lint has used its budget: no more rule functions are started. */
  spent(): boolean {
    const now = this.clocks.now();
    const wall = now - this.startWall;
    // One thread cannot use more CPU time than wall-clock time: nothing to read before the budget has passed.
    if (wall <= this.budgetMs) return false;
    if (wall > this.budgetMs * WALL_CAP_FACTOR) return true;
    if (this.startCpu === undefined) return true;
    if (now - this.checkedAt < CPU_CHECK_INTERVAL_MS) return this.spentByCpu;
    this.checkedAt = now;
    const cpu = this.clocks.threadCpuMs?.();
    this.spentByCpu = cpu === undefined || cpu - this.startCpu > this.budgetMs;
    return this.spentByCpu;
  }
}
