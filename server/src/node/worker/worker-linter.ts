// Runs lints in worker threads (dist/lint-worker.js) with a time budget and a memory cap, so that a huge
// document, a YAML alias bomb or a ruleset function with an endless loop costs one terminated worker,
// never a frozen editor or a hung CI job. A rule function that runs too long is named, disabled for that
// document, and the document is linted again without it, so its other results still appear.
import type { EngineLogger } from '../../engine/host';
import { effectiveBudgetMs, type LintOptions } from '../../engine/lint-options';
import type { LintResult } from '../../engine/types';
import { rulesetFileFor } from '../../engine/ruleset/discover';
import { RulesetLoadError, oneLine } from '../../engine/ruleset/errors';
import { documentFinding, notLintedResult } from '../../engine/document-findings';
import type { FromWorker, LintText, ToWorker } from './messages';
import { spliceBetween } from './text-splice';
import { LINT_CLOCK_CPU, LINT_CLOCK_WALL } from './messages';
import { BIG_DOCUMENT_CHARS, DEFAULT_WORKER_MEMORY_MB, LintWorker, takePrestartedLintWorker, type WorkerProxy } from './lint-worker-thread';
import { createNodeFileSystem } from '../file-system';
import { DEFAULT_SETUP_TIMEOUT_MS, WALL_CAP_FACTOR, hardStopGraceMs } from '../../engine/lint-budget';

export interface WorkerLinterOptions {
  /** Absolute path of dist/lint-worker.js (the bundles live side by side in dist/). */
  workerScript: string;
  /** Budget of one document's lint, in ms. Default 30 s. */
  timeoutMs?: number;
  /**
   * Bound of a worker's start-up plus the ruleset's loading, which the lint's budget leaves out (a cold worker
   * on a loaded machine can take seconds before the lint starts). Default: 60 s, or the lint's budget if longer.
   */
  setupTimeoutMs?: number;
  /** Budget of one call of one rule function; default a third of the document's budget. */
  ruleTimeoutMs?: number;
  /** Heap limit of a worker; a lint that needs more is stopped and reported. Default 4096 MB. */
  maxMemoryMb?: number;
  /** A worker's young generation, in MB; default V8's (CLI_YOUNG_GENERATION_MB says why the CLI sets one). */
  youngGenerationMb?: number;
  /** Parallel workers (the CLI uses more than one). Default 1. */
  concurrency?: number;
  /** Size (characters) from which a document's complete lints all run in one worker; default BIG_DOCUMENT_CHARS. */
  oneWorkerFromChars?: number;
  /**
   * Size (characters) from which a worker keeps a document's text and is sent its next versions as splices: for an
   * owner that lints documents again as they are edited (the language server: SPLICE_FROM_CHARS). Unset: never (the
   * CLI lints each file once, and a kept text would only hold memory).
   */
  spliceFromChars?: number;
  proxy?: WorkerProxy;
  log?: EngineLogger;
}

export interface LintCancellationToken {
  readonly isCancellationRequested: boolean;
}

export class LintCancelledError extends Error {
  override readonly name = 'LintCancelledError';
  /** Why: an editor's lint is cancelled when a newer request supersedes it, any lint when the linter is disposed. */
  constructor(reason = 'a newer request superseded it') {
    super(`Lint cancelled: ${reason}`);
  }
}

interface Job {
  options: LintOptions;
  /** Cancelled while running: its caller was told; the worker is finishing it without running rules. */
  abandoned?: boolean;
  token?: LintCancellationToken;
  disabledRules: string[];
  timedOutRules: string[];
  /** The complete lint was stopped: this is the exposure-only pass that still gives the user something. */
  stoppedLint?: LintResult;
  resolve(result: LintResult): void;
  reject(error: Error): void;
}

const MAX_RULE_RETRIES = 3;
/**
 * Posting a text to a worker costs both threads about 5–10 ms per MB (copied, then read), so from this size on a
 * worker keeps the last version it linted and is sent the next one as a splice (text-splice.ts).
 */
export const SPLICE_FROM_CHARS = 1_000_000;
/** Documents whose text a worker keeps for splices: the one being edited, and another one switched to and back. */
const HELD_TEXTS_PER_WORKER = 2;
const WATCHDOG_INTERVAL_MS = 100;
/**
 * A cancelled lint (the user typed again) is abandoned at once: the worker is told to call no more rule
 * functions, so it finishes soon and keeps what makes the next lint fast (loaded ruleset, example-validation
 * cache). Only a worker still busy with it this long after (stuck in a parser or in one rule call) is replaced.
 */
const REPLACE_ABANDONED_AFTER_MS = 15_000;

export class WorkerLinter {
  private readonly queue: Job[] = [];
  private readonly workers: LintWorker<Job>[] = [];
  private readonly fs = createNodeFileSystem();
  private readonly timeoutMs: number;
  private readonly ruleTimeoutMs: number | undefined;
  private dependencies: string[] = [];
  private nextId = 1;
  /** Worker threads started and not yet exited: released ones count until their thread has ended. */
  private threads = 0;
  private disposed = false;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(private readonly options: WorkerLinterOptions) {
    this.timeoutMs = options.timeoutMs ?? 30000;
    this.ruleTimeoutMs = options.ruleTimeoutMs;
  }

  lint(options: LintOptions, token?: LintCancellationToken): Promise<LintResult> {
    if (this.disposed) return Promise.reject(new Error('WorkerLinter disposed'));
    this.dropCancelled();
    return new Promise((resolve, reject) => {
      this.queue.push({ options, token, disabledRules: [...(options.disabledRules ?? [])], timedOutRules: [], resolve, reject });
      this.pump();
    });
  }

  invalidate(path?: string): void {
    for (const w of this.workers) w.worker.postMessage({ type: 'invalidate', path } satisfies ToWorker);
  }

  rulesetFor(options: Pick<LintOptions, 'filePath' | 'rulesetFile' | 'discoveryRoot'>): Promise<string> {
    // Ruleset discovery only touches the file system: answered here, without a round trip.
    return rulesetFileFor(options, this.fs);
  }

  /** Worker threads still running, those being terminated included (their memory is not given back before). */
  runningThreads(): number {
    return this.threads;
  }

  rulesetDependencies(): string[] {
    return this.dependencies;
  }

  /**
   * Gives back the workers' memory (their heaps, caches and loaded rulesets): each is terminated now, or when its
   * lint ends; new ones start on the next lint.
   */
  async releaseWorkers(): Promise<void> {
    for (const worker of this.workers.filter((w) => !w.exited)) this.retire(worker);
  }

  /**
   * The editor closed this document: the worker that was its home (a big document) is released, now or when its
   * lint ends, rather than keep what the document left in it; other workers stop preferring it.
   */
  async documentClosed(filePath: string): Promise<void> {
    for (const worker of [...this.workers]) {
      this.dropHeldText(worker, filePath);
      if (worker.lastFile === filePath) worker.lastFile = undefined;
      if (worker.home !== filePath) continue;
      worker.home = undefined;
      this.retire(worker);
    }
  }

  private retire(worker: LintWorker<Job>): void {
    if (worker.job)
      worker.retiring = true; // replaced in onMessage when its lint ends
    else this.replace(worker);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    const shutDown = 'the linter was shut down';
    for (const job of this.queue.splice(0)) job.reject(new LintCancelledError(shutDown));
    const workers = this.workers.splice(0);
    for (const worker of workers) {
      // Stopped on purpose: its thread's 'exit' is no crash to log (the language server said "the lint worker crashed"
      // at every shutdown), and a lint it was running is cancelled, not reported as a crash.
      worker.exited = true;
      this.finish(worker)?.reject(new LintCancelledError(shutDown));
    }
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length;) {
      const job = this.queue[i];
      if (job.token?.isCancellationRequested) {
        this.queue.splice(i, 1);
        job.reject(new LintCancelledError());
        continue;
      }
      // A job waiting for the worker that holds its big document does not hold up the jobs queued behind it.
      const worker = this.idleWorker(job.options);
      if (!worker) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.start(worker, job);
    }
  }

  /** Queued jobs whose caller gave up (the user typed on): dropped now rather than kept, with their text, until a worker is free. */
  private dropCancelled(): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const job = this.queue[i];
      if (!job.token?.isCancellationRequested) continue;
      this.queue.splice(i, 1);
      job.reject(new LintCancelledError());
    }
  }

  /**
   * An idle worker: for a complete lint, preferably the one that linted this document last (its caches are warm
   * for it); for an exposure-only pass, preferably another one, leaving the warm worker to the complete lint, so
   * the pass never waits for it. A big document's complete lints all run in one worker (its home): they wait for
   * it rather than make a second copy elsewhere, and other documents' lints keep off it while another can take them.
   */
  private idleWorker(options: LintOptions): LintWorker<Job> | undefined {
    const live = this.workers.filter((w) => !w.exited);
    const idle = live.filter((w) => !w.job);
    const canStart = this.workers.length < (this.options.concurrency ?? 1);
    const big = this.isBig(options);
    const home = big ? live.find((w) => w.home === options.filePath) : undefined;
    if (big && !options.exposureOnly) {
      if (home) return home.job ? undefined : home;
      return idle.find((w) => w.home === undefined) ?? (canStart ? this.startWorker() : idle[0]);
    }
    const free = idle.filter((w) => w.home === undefined);
    const warm = home ?? free.find((w) => w.lastFile === options.filePath);
    if (options.exposureOnly) {
      const other = free.find((w) => w !== warm);
      if (other) return other;
      if (warm && !warm.job && !canStart) return warm;
    } else if (free.length > 0) {
      return warm ?? free.find((w) => w.lastFile === undefined) ?? free[0];
    }
    if (canStart) return this.startWorker();
    return idle[0]; // only workers holding a big document are idle: one of them takes this lint
  }

  private isBig(options: LintOptions): boolean {
    return options.text.length >= (this.options.oneWorkerFromChars ?? BIG_DOCUMENT_CHARS);
  }

  private startWorker(): LintWorker<Job> {
    const { workerScript, maxMemoryMb = DEFAULT_WORKER_MEMORY_MB, youngGenerationMb, proxy } = this.options;
    const heap = { maxMemoryMb, youngGenerationMb };
    const worker = takePrestartedLintWorker<Job>(workerScript, heap, proxy) ?? new LintWorker<Job>(workerScript, heap, proxy);
    worker.worker.on('message', (message: FromWorker) => this.onMessage(worker, message));
    worker.worker.on('error', (error) => this.onCrash(worker, error));
    worker.worker.on('exit', (code) => this.onCrash(worker, new Error(`it exited unexpectedly (exit code ${code})`)));
    if (worker.worker.threadId >= 0) {
      this.threads++;
      worker.worker.once('exit', () => this.threads--);
    }
    this.workers.push(worker);
    return worker;
  }

  private start(worker: LintWorker<Job>, job: Job): void {
    worker.job = job;
    worker.jobId = this.nextId++;
    worker.startedAt = Date.now();
    worker.currentRuleName[0] = 0;
    worker.lintClock[LINT_CLOCK_WALL] = 0;
    worker.ruleSeen = { start: 0, cpu: undefined };
    Atomics.store(worker.abort, 0, 0);
    worker.abandonedAt = 0;
    // Only complete lints warm the caches a document's next lint needs, and make a worker a big document's home.
    if (!job.options.exposureOnly) {
      worker.lastFile = job.options.filePath;
      worker.home = this.isBig(job.options) ? job.options.filePath : undefined;
    }
    worker.worker.ref();
    // The worker stops starting rule functions when the budget is spent and returns what it found (a soft
    // stop); it needs the same budget as the watchdog here, which only terminates a worker stuck past it.
    const { text: _text, ...options } = { ...job.options, timeoutMs: job.options.timeoutMs ?? this.timeoutMs };
    const text = this.textFor(worker, job.options);
    worker.worker.postMessage({ type: 'lint', id: worker.jobId, options, text, disabledRules: job.disabledRules } satisfies ToWorker);
    this.watchdog ??= setInterval(() => this.checkBudgets(), WATCHDOG_INTERVAL_MS);
  }

  /**
   * A big document goes to a worker that holds an earlier version of it as the splice between the two, and the
   * worker keeps the new version; a worker keeps HELD_TEXTS_PER_WORKER such texts and is told which to drop.
   */
  private textFor(worker: LintWorker<Job>, { filePath, text }: LintOptions): LintText {
    const held = worker.heldTexts.get(filePath);
    worker.heldTexts.delete(filePath);
    if (text.length < (this.options.spliceFromChars ?? Infinity)) return { whole: text, hold: false };
    worker.heldTexts.set(filePath, text);
    for (const path of worker.heldTexts.keys()) {
      if (worker.heldTexts.size <= HELD_TEXTS_PER_WORKER) break;
      this.dropHeldText(worker, path);
    }
    return held === undefined ? { whole: text, hold: true } : { splice: spliceBetween(held, text), hold: true };
  }

  private dropHeldText(worker: LintWorker<Job>, filePath: string): void {
    if (worker.heldTexts.delete(filePath) && !worker.exited) worker.worker.postMessage({ type: 'drop', path: filePath } satisfies ToWorker);
  }

  private finish(worker: LintWorker<Job>): Job | undefined {
    const job = worker.job;
    worker.job = undefined;
    if (!worker.exited) worker.worker.unref();
    if (this.workers.every((w) => !w.job) && this.watchdog) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
    }
    return job;
  }

  private onMessage(worker: LintWorker<Job>, message: FromWorker): void {
    if (message.type === 'log') {
      this.options.log?.[message.level](message.message);
      return;
    }
    if (message.type === 'fixes' || message.id !== worker.jobId) return; // fixes go to FixWorker, not here
    const job = this.finish(worker);
    if (worker.retiring) this.replace(worker);
    if (job) {
      if (message.type === 'result' && job.stoppedLint) {
        job.resolve(afterStoppedLint(job.stoppedLint, message.result));
      } else if (job.stoppedLint) {
        job.resolve(job.stoppedLint);
      } else if (message.type === 'result') {
        this.dependencies = message.rulesetDependencies;
        job.resolve(withTimedOutRules(message.result, job));
      } else if (message.name === 'RulesetLoadError') {
        job.reject(new RulesetLoadError(message.rulesetFile ?? '', message.message, message.detail));
      } else {
        job.reject(Object.assign(new Error(message.message), { name: message.name }));
      }
    }
    this.pump();
  }

  /** Runs on a timer while jobs are in flight: the worker's own thread may be stuck and cannot tell us. */
  private checkBudgets(): void {
    const now = Date.now();
    for (const worker of this.workers) {
      const job = worker.job;
      if (!job) continue;
      if (job.token?.isCancellationRequested || job.abandoned) {
        if (!job.abandoned) {
          job.abandoned = true;
          worker.abandonedAt = now;
          Atomics.store(worker.abort, 0, 1);
          job.reject(new LintCancelledError());
        } else if (now - worker.abandonedAt > REPLACE_ABANDONED_AFTER_MS) {
          this.replace(worker);
        }
        continue;
      }
      const budget = effectiveBudgetMs(job.options.timeoutMs ?? this.timeoutMs, job.options.text.length);
      const ruleBudget = this.ruleTimeoutMs ?? Math.max(1000, Math.floor(budget / 3));
      const rule = worker.currentRule();
      const ruleStart = worker.currentRuleStart[0];
      // Budgets count the worker thread's CPU time (see lint-budget.ts), read only once wall-clock time is past them.
      let cpuNow: number | undefined | null = null;
      const cpu = () => (cpuNow === null ? (cpuNow = worker.cpuMs()) : cpuNow);
      if (rule && ruleStart > 0 && worker.ruleSeen.start !== ruleStart) worker.ruleSeen = { start: ruleStart, cpu: cpu() };
      const lintStart = worker.lintClock[LINT_CLOCK_WALL];
      const lintCpuStart = worker.lintClock[LINT_CLOCK_CPU] >= 0 ? worker.lintClock[LINT_CLOCK_CPU] : undefined;
      if (
        rule &&
        ruleStart > 0 &&
        overBudget(now - ruleStart, worker.ruleSeen.cpu, cpu, ruleBudget) &&
        job.timedOutRules.length < MAX_RULE_RETRIES
      ) {
        this.replace(worker);
        job.timedOutRules.push(rule);
        job.disabledRules.push(rule);
        this.queue.unshift(job);
      } else if (lintStart > 0 && overBudget(now - lintStart, lintCpuStart, cpu, budget + hardStopGraceMs(budget))) {
        // The worker stops starting rule functions once the budget is spent (a soft stop); only one stuck
        // past it (in a parser, or in one long rule call) is terminated here.
        this.replace(worker);
        const stopped = timedOut(job, budget, rule);
        if (job.options.exposureOnly || job.stoppedLint) {
          job.resolve(job.stoppedLint ?? stopped);
        } else {
          // The exposure rules need a fraction of the time: run them alone, so the document is not left without results.
          job.stoppedLint = stopped;
          job.options = { ...job.options, exposureOnly: true };
          this.queue.unshift(job);
        }
      } else if (lintStart === 0 && now - worker.startedAt > this.setupTimeout(budget)) {
        this.replace(worker);
        job.resolve(job.stoppedLint ?? setupTimedOut(job, this.setupTimeout(budget)));
      }
    }
    this.pump();
  }

  private setupTimeout(budget: number): number {
    return this.options.setupTimeoutMs ?? Math.max(DEFAULT_SETUP_TIMEOUT_MS, budget);
  }

  private replace(worker: LintWorker<Job>): void {
    this.finish(worker);
    worker.exited = true;
    void worker.worker.terminate();
    this.forget(worker);
  }

  /** Drops a worker from the pool (a worker no longer in it must not make splice(-1) drop the last one). */
  private forget(worker: LintWorker<Job>): void {
    const at = this.workers.indexOf(worker);
    if (at >= 0) this.workers.splice(at, 1);
  }

  /**
   * A worker died on its own (process.exit or an uncaught exception in a rule function, out of memory): it is
   * dropped (the next job gets a new one), and only its job gets one finding saying so. Whatever the dead
   * worker had computed is lost with it, so no partial result can ever reach the caller. Other jobs run on.
   */
  private onCrash(worker: LintWorker<Job>, error: Error): void {
    if (worker.exited) return;
    worker.exited = true;
    this.forget(worker);
    const rule = worker.currentRule();
    const job = this.finish(worker);
    const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    const reason = outOfMemory
      ? `it needed more than ${this.options.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB} MB of memory`
      : `the lint worker crashed: ${oneLine(error.message)}`;
    const where = job && rule ? ` while rule "${rule}" was running` : '';
    this.options.log?.error(
      `Lint worker stopped${job ? ` linting ${job.options.filePath}` : ''}${where}: ${reason}; a new worker takes over`,
    );
    if (job) {
      const message = `Linting stopped: ${reason}${where}. The worker was replaced; this document is linted again on its next change.`;
      job.resolve(stoppedResult(job.options, 'lint-error', message));
    }
    this.pump();
  }
}

/**
 * Whether a lint or a rule call that started `wallMs` ago, when its thread had used `cpuAtStart` ms of CPU, is
 * past `budgetMs`: in CPU time when known (waiting for a core is not the document's fault), and in any case
 * past WALL_CAP_FACTOR times the budget of wall-clock time.
 */
function overBudget(wallMs: number, cpuAtStart: number | undefined, cpuNow: () => number | undefined, budgetMs: number): boolean {
  if (wallMs <= budgetMs) return false;
  if (wallMs > budgetMs * WALL_CAP_FACTOR) return true;
  const now = cpuAtStart === undefined ? undefined : cpuNow();
  return now === undefined || cpuAtStart === undefined || now - cpuAtStart > budgetMs;
}

function stoppedResult(options: LintOptions, code: string, message: string): LintResult {
  return notLintedResult(options.filePath, options.text, documentFinding(code, message));
}

function timedOut(job: Job, timeoutMs: number, rule: string | undefined): LintResult {
  const where = rule ? ` while rule "${rule}" was running` : '';
  return stoppedResult(
    job.options,
    'lint-timeout',
    `Linting stopped after ${Number((timeoutMs / 1000).toFixed(1))} s${where}; no results for this document (raise the limit with lintTimeoutMs / --timeout)`,
  );
}

/** The stopped lint's message, and the exposure findings when the exposure-only pass could give them. */
function afterStoppedLint(stopped: LintResult, exposure: LintResult): LintResult {
  if (exposure.exposureUnavailable || !exposure.isOpenApi) return stopped;
  const [finding] = stopped.findings;
  const message = finding.message.replace('; no results for this document', "; only the exposure rules' findings are shown");
  return { ...exposure, phase: undefined, findings: [{ ...finding, message }, ...exposure.findings] };
}

function setupTimedOut(job: Job, setupMs: number): LintResult {
  return stoppedResult(
    job.options,
    'lint-timeout',
    `Linting stopped: starting the lint worker and loading the ruleset took over ${setupMs / 1000} s; no results for this document`,
  );
}

function withTimedOutRules(result: LintResult, job: Job): LintResult {
  if (job.timedOutRules.length === 0) return result;
  const extra = job.timedOutRules.map((rule) =>
    documentFinding('rule-timeout', `Rule "${rule}" ran too long and was stopped; the document's other results are shown`),
  );
  return { ...result, findings: [...extra, ...result.findings] };
}
