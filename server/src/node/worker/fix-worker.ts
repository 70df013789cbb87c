// Quick fixes of large documents computed in a worker thread of their own: on a multi-megabyte spec,
// listing the fixes of a finding or computing the picked one's edits takes seconds of parsing, which
// must not hold up hover, diagnostics or other documents on the language server's thread. A separate
// worker (not the lint pool) so a fix never waits behind a long lint.
import { Worker } from 'node:worker_threads';
import { v8FlagsWorkerData } from '../v8-flags';
import type { FixRequest, FromWorker, ToWorker } from './messages';
import { CURRENT_RULE_BYTES } from './messages';

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class FixWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly workerScript: string,
    private readonly timeoutMs = 30000,
  ) {}

  run<T>(request: FixRequest): Promise<T> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        // Stuck on a pathological document: start afresh next time rather than queue behind it.
        this.stop(new Error(`computing quick fixes took over ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
      worker.ref();
      worker.postMessage({ type: 'fixes', id, request } satisfies ToWorker);
    });
  }

  async dispose(): Promise<void> {
    this.stop(new Error('FixWorker disposed'));
  }

  /** Gives back the worker's memory (the documents it parsed) unless a request is pending; the next request starts one. */
  release(): void {
    if (this.pending.size === 0) this.stop(new Error('FixWorker released'));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerScript, {
      // The lint worker's watchdog memory, unused here: the script is shared.
      workerData: {
        currentRule: new SharedArrayBuffer(CURRENT_RULE_BYTES),
        currentRuleStart: new SharedArrayBuffer(8),
        ...v8FlagsWorkerData(),
      },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'log') return;
      const pending = 'id' in message ? this.pending.get(message.id) : undefined;
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      if (this.pending.size === 0) worker.unref();
      if (message.type === 'fixes') pending.resolve(message.result);
      else if (message.type === 'error') pending.reject(new Error(message.message));
    });
    worker.on('error', (error) => this.stop(error));
    worker.on('exit', () => this.stop(new Error('the quick-fix worker exited')));
    this.worker = worker;
    return worker;
  }

  private stop(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(reason);
      this.pending.delete(id);
    }
    void worker?.terminate();
  }
}
