// A broken ruleset is reported once per distinct error (window/showMessage), and as a diagnostic
// on the ruleset file while that file is open. Linting goes on with the engine's fallback.
import { MessageType, type Connection } from 'vscode-languageserver';
import type { DiagnosticsPublisher } from './diagnostics-publisher';
import { rulesetErrorDiagnostic } from './diagnostics';
import { pathToUri } from './workspace';
import { log } from './log';
import { BoundedMap } from '../engine/bounded-map';

export class RulesetErrors {
  /** Ruleset file → current error. Bound: 256 ruleset files; an entry goes when its ruleset loads again. */
  private readonly errors = new BoundedMap<string, string>(256);
  /**
   * Errors already shown as a message (ruleset file + error). Bound: 256; a ruleset broken many times in
   * different ways without ever loading in between forgets the oldest (it would only be shown again).
   */
  private readonly shown = new BoundedMap<string, true>(256);

  /** Entries held (resource-bound tests). */
  get size(): number {
    return this.errors.size + this.shown.size;
  }

  constructor(
    private readonly connection: Connection,
    private readonly publisher: DiagnosticsPublisher,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  report(rulesetFile: string, error: string, fallback: string): void {
    const key = `${rulesetFile}\n${error}`;
    this.errors.set(rulesetFile, error);
    if (!this.shown.has(key)) {
      this.shown.set(key, true);
      void this.connection
        .sendNotification('window/showMessage', {
          type: MessageType.Warning,
          // The engine's error names the file already; otherwise say which file it is about.
          message: error.includes(rulesetFile)
            ? `API Exposure Lint: ruleset error: ${error}`
            : `API Exposure Lint: ruleset ${rulesetFile} could not be loaded: ${error} (using ${fallback})`,
        })
        .catch(() => undefined);
      log(this.connection, 'warn', `Ruleset ${rulesetFile} failed: ${error}`);
    }
    this.refresh(rulesetFile);
  }

  /** The ruleset loaded fine: forget its error, so the same error breaking it again is shown again. */
  clear(rulesetFile: string): void {
    if (!this.errors.delete(rulesetFile)) return;
    for (const key of [...this.shown.keys()]) if (key.startsWith(rulesetFile + '\n')) this.shown.delete(key);
    this.publisher.setExtra(pathToUri(rulesetFile), []);
  }

  /** Re-show the diagnostic when the ruleset file is opened after the error was found. */
  onDidOpen(rulesetFile: string): void {
    if (this.errors.has(rulesetFile)) this.refresh(rulesetFile);
  }

  private refresh(rulesetFile: string): void {
    const uri = pathToUri(rulesetFile);
    const error = this.errors.get(rulesetFile);
    if (!error || !this.isOpen(uri)) return;
    this.publisher.setExtra(uri, [rulesetErrorDiagnostic(error)]);
  }
}
