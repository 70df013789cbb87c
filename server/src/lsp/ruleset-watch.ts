// Which files changing on disk should re-lint open documents: every .spectral.* (discovery may
// change), plus every file a loaded ruleset was built from (extended rulesets, function files).
// Dependencies come from the engine, which records every file it reads while loading a ruleset.
import path from 'node:path';
import { DidChangeWatchedFilesNotification, type Connection, type Disposable, type FileSystemWatcher } from 'vscode-languageserver';
import { isRulesetFileName } from '../engine/ruleset/discover';
import { pathToUri } from './workspace';
import { log } from './log';

export const RULESET_GLOB = '**/.spectral.{yaml,yml,json,js,mjs,cjs}';

export class RulesetWatch {
  /** Bound: one entry per open document (forgotten on close), each the files of one ruleset. */
  private readonly byUri = new Map<string, Set<string>>();

  /** Entries held (resource-bound tests). */
  get size(): number {
    return this.byUri.size;
  }
  private registeredKey = '';
  private registration: Promise<Disposable> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly capabilities: { dynamicRegistration: boolean; relativePatternSupport: boolean },
  ) {}

  /** Registers the .spectral.* watcher; call once on `initialized`. */
  async start(): Promise<void> {
    if (!this.capabilities.dynamicRegistration) return;
    await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: RULESET_GLOB }] });
  }

  /** Records what a document's ruleset was built from and extends the watch to those files. */
  track(uri: string, files: string[]): void {
    this.byUri.set(uri, new Set(files));
    this.updateRegistration();
  }

  forget(uri: string): void {
    if (this.byUri.delete(uri)) this.updateRegistration();
  }

  /** True when a change of this file can change how some open document is linted. */
  isRelevant(filePath: string): boolean {
    if (isRulesetFileName(filePath)) return true;
    for (const files of this.byUri.values()) if (files.has(filePath)) return true;
    return false;
  }

  allDependencies(): string[] {
    const all = new Set<string>();
    for (const files of this.byUri.values()) for (const file of files) all.add(file);
    return [...all].sort();
  }

  private updateRegistration(): void {
    if (!this.capabilities.dynamicRegistration) return;
    const extra = this.allDependencies().filter((file) => !isRulesetFileName(file));
    const key = extra.join('\n');
    if (key === this.registeredKey) return;
    this.registeredKey = key;
    const previous = this.registration;
    const watchers: FileSystemWatcher[] = extra.map((file) =>
      this.capabilities.relativePatternSupport
        ? { globPattern: { baseUri: pathToUri(path.dirname(file)), pattern: path.basename(file) } }
        : { globPattern: `**/${path.basename(file)}` },
    );
    this.registration =
      watchers.length === 0 ? undefined : this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    this.registration?.catch((error: unknown) => log(this.connection, 'warn', `Could not watch ruleset files: ${String(error)}`));
    void previous?.then((d) => d.dispose()).catch(() => undefined);
  }
}
