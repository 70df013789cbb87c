// One lint worker thread (dist/lint-worker.js) and the shared memory its owner reads while it runs. Kept apart
// from WorkerLinter, with no engine import, so that a small launcher can start a worker before the ~10 MB CLI
// bundle loads (see server/src/cli/launch.ts) and the CLI's WorkerLinter adopts it.
import { v8FlagsWorkerData } from '../v8-flags';
import { Worker } from 'node:worker_threads';
import { CURRENT_RULE_BYTES, LINT_CLOCK_BYTES, THREAD_ID } from './messages';
import { threadCpuMsOf } from '../thread-cpu';

/**
 * From this many characters on, a document is big for the lint workers. Each worker holding a copy of one costs
 * about 60 times its size, and a lint's garbage stays until V8 collects it: GitHub's 13 MB spec peaked the language
 * server at 2.1 GB. So a big document's complete lints all run in one worker (WorkerLinter; its exposure pass still
 * takes the other one, never waiting), and a worker collects its garbage after each lint of one (worker/main.ts):
 * 1.1–1.2 GB, typing included (docs/benchmarks.md).
 */
export const BIG_DOCUMENT_CHARS = 5_000_000;

/** Heap limit of a lint worker unless its owner sets one. */
export const DEFAULT_WORKER_MEMORY_MB = 4096;

/**
 * The CLI's lint workers' young generation (V8's default for a 4 GB heap is 48 MB). A lint of a few megabytes makes
 * much short-lived garbage, which a big young generation holds until it fills: with 8 MB, Stripe's 2.5 MB spec lints
 * in the same time at 168 MB instead of 196 MB, Blockfrost's at 135 MB instead of 156 MB, GitHub's 13 MB one ~9%
 * slower at 430 MB instead of 460 MB (docs/benchmarks.md, round 13): a run with a big file gets a bigger one
 * (cliWorkerHeap). The language server keeps V8's default: a keystroke's exposure pass on a 13 MB spec has a latency
 * bound to meet.
 */
export const CLI_YOUNG_GENERATION_MB = 8;

/** A lint worker's heap: its limit (a lint that needs more is stopped) and, if not V8's default, its young generation. */
export interface WorkerHeap {
  maxMemoryMb: number;
  youngGenerationMb?: number;
}

/** The CLI's lint workers' heap, for its early worker (cli/launch.ts) and its WorkerLinter (cli/main.ts) alike. */
export const CLI_WORKER_HEAP: WorkerHeap = { maxMemoryMb: DEFAULT_WORKER_MEMORY_MB, youngGenerationMb: CLI_YOUNG_GENERATION_MB };

/** From this size, a file gets the CLI's workers a bigger young generation (CLI_BIG_YOUNG_GENERATION_MB). */
export const CLI_BIG_FILE_BYTES = 5_000_000;

/**
 * The young generation of the CLI's workers for a run with a file of CLI_BIG_FILE_BYTES or more. The lint of a big
 * document keeps much alive for a while, which a small young generation copies over and over: GitHub's 13 MB spec
 * lints in 7.0 s at 345 MB with 32 MB instead of 8.1 s at 305 MB (16 MB: 7.3 s, 330 MB; 64 MB: 6.8 s, 386 MB),
 * Microsoft Graph's 20 MB one in 13.9 s at 595 MB instead of 14.6 s at 543 MB, while Stripe's 2.5 MB one takes as long
 * and ~35 MB more (docs/benchmarks.md, round 18).
 */
export const CLI_BIG_YOUNG_GENERATION_MB = 32;

/** The CLI's lint workers' heap for a run whose biggest file has this many bytes; both the early worker and the WorkerLinter ask for it. */
export function cliWorkerHeap(largestFileBytes: number): WorkerHeap {
  return largestFileBytes >= CLI_BIG_FILE_BYTES ? { ...CLI_WORKER_HEAP, youngGenerationMb: CLI_BIG_YOUNG_GENERATION_MB } : CLI_WORKER_HEAP;
}

/**
 * Given to a worker started ahead of its owner: the built-in ruleset to warm up while the owner loads (undefined:
 * the default one). Only a guess; the lint request still says which ruleset to use.
 */
export interface WarmUpHint {
  ruleset?: string;
}

/** Proxy for remote rulesets/$refs (VS Code's http.proxy); else HTTPS_PROXY/HTTP_PROXY/NO_PROXY apply. */
export interface WorkerProxy {
  url?: string;
  strictSSL?: boolean;
}

/** `Job` is the owner's record of the lint a worker runs (WorkerLinter's). */
export class LintWorker<Job = unknown> {
  readonly worker: Worker;
  readonly currentRuleName = new Uint8Array(new SharedArrayBuffer(CURRENT_RULE_BYTES));
  readonly currentRuleStart = new Float64Array(new SharedArrayBuffer(8));
  /** Written by the worker: when the job's budget started counting; 0 during start-up and ruleset loading. */
  readonly lintClock = new Float64Array(new SharedArrayBuffer(LINT_CLOCK_BYTES));
  /** Set to 1 when the running lint is abandoned: the worker's rule guard stops calling rule functions. */
  readonly abort = new Int32Array(new SharedArrayBuffer(4));
  /** The document this worker linted last: its caches are warm for it. */
  lastFile: string | undefined;
  /** The big document whose complete lints all run here (BIG_DOCUMENT_CHARS). */
  home: string | undefined;
  /**
   * The owner's record of the big documents' texts the worker holds, by path, least recently sent first: their
   * next versions go to it as splices (WorkerLinter.textFor).
   */
  readonly heldTexts = new Map<string, string>();
  /** To be terminated when its lint ends (its memory released: WorkerLinter.releaseWorkers, documentClosed). */
  retiring = false;
  abandonedAt = 0;
  job: Job | undefined;
  jobId = 0;
  startedAt = 0;
  exited = false;

  constructor(script: string, heap: WorkerHeap, proxy: WorkerProxy | undefined, warmUp?: WarmUpHint) {
    this.worker = new Worker(script, {
      workerData: {
        currentRule: this.currentRuleName.buffer,
        currentRuleStart: this.currentRuleStart.buffer,
        lintClock: this.lintClock.buffer,
        abort: this.abort.buffer,
        proxy,
        warmUp,
        ...v8FlagsWorkerData(),
      },
      resourceLimits: { maxOldGenerationSizeMb: heap.maxMemoryMb, maxYoungGenerationSizeMb: heap.youngGenerationMb },
      stdout: false,
      stderr: false,
    });
    this.worker.unref();
  }

  /** The call the watchdog last saw running (by its start time) and the worker thread's CPU time then. */
  ruleSeen: { start: number; cpu: number | undefined } = { start: 0, cpu: undefined };

  /** CPU time (ms) the worker's thread has used so far, or undefined when the platform cannot tell. */
  cpuMs(): number | undefined {
    const tid = this.lintClock[THREAD_ID];
    return tid > 0 ? threadCpuMsOf(tid) : undefined;
  }

  currentRule(): string | undefined {
    const end = this.currentRuleName.indexOf(0);
    const name = new TextDecoder().decode(this.currentRuleName.slice(0, end < 0 ? undefined : end));
    return name || undefined;
  }
}

/**
 * A worker started ahead of its owner, waiting to be adopted. It lives on a process-wide slot because the
 * launcher and the CLI are separate bundles, each with its own copy of this module.
 */
interface Prestarted {
  worker: LintWorker;
  key: string;
  failed: boolean;
  onFailure(): void;
}

const PRESTARTED = Symbol.for('api-exposure-lint.prestarted-lint-worker');
const slot = globalThis as { [PRESTARTED]?: Prestarted };

const creationKey = (script: string, heap: WorkerHeap, proxy: WorkerProxy | undefined): string =>
  JSON.stringify([script, heap.maxMemoryMb, heap.youngGenerationMb, proxy?.url, proxy?.strictSSL]);

/** Starts a worker now, for the next WorkerLinter created with the same script, heap and proxy. */
export function prestartLintWorker(
  script: string,
  warmUp: WarmUpHint,
  heap: WorkerHeap = { maxMemoryMb: DEFAULT_WORKER_MEMORY_MB },
  proxy?: WorkerProxy,
): void {
  const entry: Prestarted = {
    worker: new LintWorker(script, heap, proxy, warmUp),
    key: creationKey(script, heap, proxy),
    failed: false,
    // Until adopted, a failing worker must not throw an unhandled 'error' event: it is noted and not adopted.
    onFailure: () => void (entry.failed = true),
  };
  entry.worker.worker.once('error', entry.onFailure).once('exit', entry.onFailure);
  slot[PRESTARTED] = entry;
}

/** The prestarted worker if it was created exactly as asked and is alive; any other is terminated. */
export function takePrestartedLintWorker<Job>(
  script: string,
  heap: WorkerHeap,
  proxy: WorkerProxy | undefined,
): LintWorker<Job> | undefined {
  const entry = slot[PRESTARTED];
  if (!entry) return undefined;
  delete slot[PRESTARTED];
  entry.worker.worker.off('error', entry.onFailure).off('exit', entry.onFailure);
  // Not yet given a job, so it is as good a LintWorker<Job> as a new one.
  if (!entry.failed && entry.key === creationKey(script, heap, proxy)) return entry.worker as LintWorker<Job>;
  void entry.worker.worker.terminate();
  return undefined;
}
