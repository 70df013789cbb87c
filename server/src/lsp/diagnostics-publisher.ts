// A uri can receive diagnostics from three places: its own lint, (when it is a ruleset file) the error of
// loading it, and (when root documents $ref it) the findings of those roots' lints in it. This keeps all
// three and always publishes their union.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { log } from './log';

interface Published {
  lint: Diagnostic[];
  version?: number;
  /** The lint diagnostics are an early subset (the exposure rules') of that version's results. */
  partial?: boolean;
  extra: Diagnostic[];
  referenced: Diagnostic[];
}

export class DiagnosticsPublisher {
  /**
   * Bound: one entry per open document (deleted on close) plus one per file "Lint workspace" published for
   * (its problems stay listed; at most the workspace's OpenAPI files).
   */
  private readonly byUri = new Map<string, Published>();

  /** Entries held (resource-bound tests). */
  get size(): number {
    return this.byUri.size;
  }

  constructor(private readonly connection: Connection) {}

  publishLint(uri: string, diagnostics: Diagnostic[], version: number | undefined, options: { partial?: boolean } = {}): void {
    const entry = this.entry(uri);
    entry.lint = diagnostics;
    entry.version = version;
    entry.partial = options.partial === true;
    this.send(uri, entry);
  }

  /** True when the complete lint diagnostics of this version are published (an early subset must not replace them). */
  hasComplete(uri: string, version: number): boolean {
    const entry = this.byUri.get(uri);
    return entry !== undefined && entry.version === version && !entry.partial;
  }

  setExtra(uri: string, diagnostics: Diagnostic[]): void {
    const existing = this.byUri.get(uri);
    // Nothing to clear: do not create an entry (it would outlive every document).
    if ((existing?.extra.length ?? 0) === 0 && diagnostics.length === 0) return;
    const entry = existing ?? this.entry(uri);
    entry.extra = diagnostics;
    if (entry.lint.length === 0 && entry.extra.length === 0 && entry.referenced.length === 0 && entry.version === undefined)
      this.byUri.delete(uri);
    this.send(uri, entry);
  }

  /** Findings of roots that use this file. */
  setReferenced(uri: string, diagnostics: Diagnostic[]): void {
    const existing = this.byUri.get(uri);
    // Nothing to clear: do not create an entry (it would outlive every document).
    if ((existing?.referenced.length ?? 0) === 0 && diagnostics.length === 0) return;
    const entry = existing ?? this.entry(uri);
    entry.referenced = diagnostics;
    if (entry.lint.length === 0 && entry.extra.length === 0 && entry.referenced.length === 0 && entry.version === undefined)
      this.byUri.delete(uri);
    this.send(uri, entry);
  }

  /** Document closed: publish nothing for it (a ruleset error comes back if it is opened again). */
  clear(uri: string): void {
    this.byUri.delete(uri);
    this.send(uri, { lint: [], extra: [], referenced: [] });
  }

  private entry(uri: string): Published {
    let entry = this.byUri.get(uri);
    if (!entry) {
      entry = { lint: [], extra: [], referenced: [] };
      this.byUri.set(uri, entry);
    }
    return entry;
  }

  private send(uri: string, entry: Published): void {
    const diagnostics = [...entry.lint, ...entry.extra, ...entry.referenced];
    void this.connection
      .sendDiagnostics(entry.version === undefined ? { uri, diagnostics } : { uri, version: entry.version, diagnostics })
      .catch((error: unknown) => log(this.connection, 'error', `Could not publish diagnostics: ${String(error)}`));
  }
}
