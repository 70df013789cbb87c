// The latest published lint of each open document. Code actions, hover and CodeLens answer from
// here instead of re-linting, so they stay fast while a new lint is pending.
import type { LintOptions } from '../engine/lint-options';
import type { LintResult } from '../engine/types';

export interface DocumentLint {
  uri: string;
  version: number;
  /** The text the result was computed from; fix offsets refer to it. */
  text: string;
  options: LintOptions;
  result: LintResult;
}

export class LintResults {
  private readonly byUri = new Map<string, DocumentLint>();

  set(lint: DocumentLint): void {
    this.byUri.set(lint.uri, lint);
  }

  get(uri: string): DocumentLint | undefined {
    return this.byUri.get(uri);
  }

  /** Only a result computed for exactly this version may drive edits. */
  getForVersion(uri: string, version: number): DocumentLint | undefined {
    const lint = this.byUri.get(uri);
    return lint && lint.version === version ? lint : undefined;
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }
}
