// One pending or running lint per document: a new request debounces, cancels the running lint of
// the same document (supersedes it), and closing the document cancels everything for it.
// The runner must check its token after every await and drop results when it was cancelled.
import { CancellationTokenSource, type CancellationToken } from 'vscode-languageserver';

export type LintRunner = (uri: string, token: CancellationToken) => Promise<void>;

interface DocumentLintState {
  timer?: ReturnType<typeof setTimeout>;
  running?: CancellationTokenSource;
}

export class LintScheduler {
  /** Bound: one entry per document with a lint waiting or running; removed when it is done or the document closes. */
  private readonly states = new Map<string, DocumentLintState>();

  /** Entries held (resource-bound tests). */
  get size(): number {
    return this.states.size;
  }

  constructor(
    private readonly runner: LintRunner,
    private readonly onError: (uri: string, error: unknown) => void,
  ) {}

  schedule(uri: string, delayMs: number): void {
    const state = this.stateOf(uri);
    if (state.timer) clearTimeout(state.timer);
    // Supersede at once: the running lint is for text that is already out of date.
    this.cancelRunning(state);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.start(uri, state);
    }, delayMs);
  }

  cancel(uri: string): void {
    const state = this.states.get(uri);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    this.cancelRunning(state);
    this.states.delete(uri);
  }

  /** Lint now if the document waits for its debounce, or has nothing pending; a running lint is left to finish. */
  flush(uri: string): void {
    const state = this.stateOf(uri);
    if (state.running) return;
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    void this.start(uri, state);
  }

  /** True while a lint of this document is waiting for its debounce or running. */
  isPending(uri: string): boolean {
    const state = this.states.get(uri);
    return !!state && (!!state.timer || !!state.running);
  }

  dispose(): void {
    for (const uri of [...this.states.keys()]) this.cancel(uri);
  }

  private async start(uri: string, state: DocumentLintState): Promise<void> {
    const source = new CancellationTokenSource();
    state.running = source;
    try {
      await this.runner(uri, source.token);
    } catch (error) {
      if (!source.token.isCancellationRequested) this.onError(uri, error);
    } finally {
      if (state.running === source) state.running = undefined;
      source.dispose();
      if (!state.timer && !state.running && this.states.get(uri) === state) this.states.delete(uri);
    }
  }

  private cancelRunning(state: DocumentLintState): void {
    if (!state.running) return;
    state.running.cancel();
    state.running = undefined;
  }

  private stateOf(uri: string): DocumentLintState {
    let state = this.states.get(uri);
    if (!state) {
      state = {};
      this.states.set(uri, state);
    }
    return state;
  }
}
