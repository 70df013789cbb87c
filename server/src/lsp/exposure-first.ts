// Exposure findings first: on a large document, every edit also asks the engine for the exposure rules'
// findings alone (its fast pass, see engine/exposure-first/), published for that version as soon as they
// are ready, without waiting for the debounce or for the complete lint, whose results then replace them.
// A result is published only for the version it was computed on, and never over the complete results of
// that version. Small documents skip this: their complete lint arrives about as fast.
import { CancellationTokenSource } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { buildLintRequest } from './lint-request';
import { findingsOfFile } from './document-linter';
import { toDiagnostic } from './diagnostics';

/** Below this many characters the complete lint takes well under a second: no separate early answer. */
export const EXPOSURE_FIRST_MIN_SIZE = 100_000;

export class ExposureFirst {
  /** Each document's early pass in progress: its cancellation, and its promise, settled when it has published or given up. */
  private readonly running = new Map<string, { source: CancellationTokenSource; pass: Promise<void> }>();

  constructor(private readonly context: ServerContext) {}

  /** Starts the early pass for the document's current version (superseding the one for an older version). */
  schedule(uri: string): void {
    this.cancel(uri);
    const document = this.context.documents.get(uri);
    if (!document || document.getText().length < EXPOSURE_FIRST_MIN_SIZE) return;
    const source = new CancellationTokenSource();
    const pass = this.run(uri, source).finally(() => {
      if (this.running.get(uri)?.source === source) this.running.delete(uri);
      source.dispose();
    });
    this.running.set(uri, { source, pass });
  }

  /** Resolves once the document's early pass in progress, if any, has published or given up; never rejects. */
  settled(uri: string): Promise<void> {
    return this.running.get(uri)?.pass ?? Promise.resolve();
  }

  cancel(uri: string): void {
    this.running.get(uri)?.source.cancel();
    this.running.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.running.keys()]) this.cancel(uri);
  }

  private async run(uri: string, source: CancellationTokenSource): Promise<void> {
    const { context } = this;
    const document = context.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const isStale = () => source.token.isCancellationRequested || context.documents.get(uri)?.version !== version;
    const settings = await context.settings.get(uri);
    if (isStale()) return;
    const request = buildLintRequest(document, document.getText(), settings, context.folders, context.trust);
    if (request.kind === 'skip') return;
    let result;
    try {
      result = await context.backend.lint({ ...request.options, exposureOnly: true }, source.token);
    } catch {
      return; // superseded, or the engine failed: the complete lint reports what went wrong
    }
    if (isStale() || result.phase !== 'exposure' || result.exposureUnavailable || !result.isOpenApi) return;
    if (context.publisher.hasComplete(uri, version)) return;
    // Quick fixes, hover and CodeLens answer from it until the complete result of this version replaces it.
    context.results.set({ uri, version, text: document.getText(), options: request.options, result });
    const diagnostics = findingsOfFile(result, request.options.filePath).map((finding) => toDiagnostic(finding, version));
    context.publisher.publishLint(uri, diagnostics, version, { partial: true });
  }
}
