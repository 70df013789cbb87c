// A uri can receive diagnostics from two places: its own lint, and (when it is a ruleset file)
// the error of loading it. This keeps both and always publishes their union.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { log } from './context';

interface Published {
  lint: Diagnostic[];
  version?: number;
  /** The lint diagnostics are an early subset (the exposure rules') of that version's results. */
  partial?: boolean;
  extra: Diagnostic[];
}

export class DiagnosticsPublisher {
  private readonly byUri = new Map<string, Published>();

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
    const entry = this.entry(uri);
    if (entry.extra.length === 0 && diagnostics.length === 0) return;
    entry.extra = diagnostics;
    this.send(uri, entry);
  }

  /** Document closed: publish nothing for it (a ruleset error comes back if it is opened again). */
  clear(uri: string): void {
    this.byUri.delete(uri);
    this.send(uri, { lint: [], extra: [] });
  }

  private entry(uri: string): Published {
    let entry = this.byUri.get(uri);
    if (!entry) {
      entry = { lint: [], extra: [] };
      this.byUri.set(uri, entry);
    }
    return entry;
  }

  private send(uri: string, entry: Published): void {
    const diagnostics = [...entry.lint, ...entry.extra];
    void this.connection
      .sendDiagnostics(entry.version === undefined ? { uri, diagnostics } : { uri, version: entry.version, diagnostics })
      .catch((error: unknown) => log(this.connection, 'error', `Could not publish diagnostics: ${String(error)}`));
  }
}
