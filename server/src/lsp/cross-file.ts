// Multi-file API descriptions in the editor. A root's lint reports findings in the files it `$ref`s;
// they are published on those files (with the `$ref` they came through), never twice on the root.
// Opening or editing a file that roots use re-lints those roots, open or not (roots read the editor's
// unsaved text of open files), so a fragment shows its findings in the context of each root, with that
// root's audience. Diagnostics of closed files last only while a root or file of theirs is open.
import { promises as fs } from 'node:fs';
import { DidChangeWatchedFilesNotification, FileChangeType, type FileEvent } from 'vscode-languageserver';
import type { LintResult } from '../engine/types';
import { looksLikeFragment } from '../engine/fragments';
import { hasExternalRefs } from '../engine/ref-text';
import { buildLintRequest, refRootsFor } from './lint-request';
import { LintScheduler } from './lint-scheduler';
import { RefIndex, type RootScanOptions } from './ref-index';
import { ReferencedFindings, type RootLint } from './referenced-findings';
import { normalizeUri, pathToUri, uriToPath } from './workspace';
import type { ServerContext } from './context';
import { logError } from './log';
import { noteRulesetOutcome } from './document-linter';
import type { CancellationToken } from 'vscode-languageserver';

/** Open documents larger than this are not handed to roots that are not yet known to use them. */
const MAX_UNKNOWN_OVERLAY = 1_000_000;
const CANDIDATE = /\.(ya?ml|json)$/i;

export class CrossFile {
  readonly index = new RefIndex();
  readonly findings = new ReferencedFindings();
  private readonly background: LintScheduler;
  /** Per open document, the version whose text the roots using it were last re-linted for (stops A→B→A loops). */
  private readonly propagated = new Map<string, number>();

  constructor(
    private readonly context: ServerContext,
    /** Schedules the normal lint of an open document. */
    private readonly relintOpen: (uri: string) => void,
  ) {
    this.background = new LintScheduler(
      (uri, token) => this.lintClosedRoot(uri, token),
      (uri, error) => logError(context, `Lint of ${uri}`, error),
    );
  }

  /** Watch YAML/JSON files: fragments and roots change on disk too (git checkout, another editor, rename). */
  async start(dynamicRegistration: boolean): Promise<void> {
    if (!dynamicRegistration) return;
    await this.context.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yaml,yml,json}' }],
    });
  }

  dispose(): void {
    this.background.dispose();
  }

  /** Texts of open documents a root's lint reads instead of the disk (none when it $refs no other file). */
  openTexts(rootFile: string, rootText: string): Record<string, string> {
    if (!hasExternalRefs(rootText)) return {};
    const known = this.index.isRoot(rootFile) ? new Set(this.index.filesOfRoot(rootFile)) : undefined;
    const texts: Record<string, string> = {};
    for (const document of this.context.documents.all()) {
      const file = uriToPath(document.uri);
      if (!file || file === rootFile || !CANDIDATE.test(file)) continue;
      const text = document.getText();
      if (known ? known.has(file) : text.length < MAX_UNKNOWN_OVERLAY) texts[file] = text;
    }
    return texts;
  }

  /** After the lint of an open document: publish what it found in other files, and re-lint the roots that use it. */
  async afterLint(uri: string, filePath: string, text: string, version: number, result: LintResult): Promise<void> {
    if (result.isOpenApi) this.recordRoot(uri, filePath, result);
    else this.forgetRoot(uri, filePath);
    if (this.propagated.get(uri) === version) return;
    this.propagated.set(uri, version);
    // A document that is not a root may be a fragment: find the roots of the workspace (once).
    if (!result.isOpenApi) await this.index.ensureScanned(this.context.folders.all(), this.scanOptions());
    const roots = this.index.rootsOf(filePath).filter((root) => root !== filePath);
    for (const root of roots) this.relintRoot(pathToUri(root));
    const unreferenced = !result.isOpenApi && roots.length === 0 && looksLikeFragment(text);
    if (this.findings.setUnreferenced(uri, unreferenced)) this.republish([uri]);
  }

  /** A document was closed: its diagnostics stay only while a root or file of theirs is still open. */
  onClose(uri: string): void {
    this.propagated.delete(uri);
    this.findings.setUnreferenced(uri, false);
    const affected = [uri];
    for (const lint of this.findings.all()) {
      if (this.isLive(lint)) continue;
      affected.push(...this.findings.delete(lint.rootUri));
      this.background.cancel(lint.rootUri);
    }
    this.republish(affected);
  }

  /** Files created, changed, deleted or renamed on disk. */
  async onWatchedFiles(changes: FileEvent[]): Promise<void> {
    const roots = new Set<string>();
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file || !CANDIDATE.test(file) || this.context.documents.get(normalizeUri(change.uri))) continue;
      for (const root of this.index.rootsOf(file)) roots.add(root);
      const uri = pathToUri(file);
      if (change.type === FileChangeType.Deleted) {
        if (this.index.isRoot(file)) {
          this.index.delete(file);
          this.republish(this.findings.delete(uri));
        }
      } else if (this.index.scanning || this.index.isRoot(file)) {
        // Before the first scan there is nothing to keep current: the scan will read it.
        try {
          await this.index.refresh(file, await fs.readFile(file, 'utf8'), this.scanOptions());
        } catch (error) {
          logError(this.context, `Indexing ${file}`, error);
        }
        if (this.findings.get(uri)) roots.add(file);
      }
    }
    for (const root of roots) this.relintRoot(pathToUri(root));
  }

  onFoldersChanged(): void {
    this.index.reset();
  }

  private relintRoot(rootUri: string): void {
    if (this.context.documents.get(rootUri)) return this.relintOpen(rootUri);
    // A closed root is linted only while someone looks at one of its files.
    const rootFile = uriToPath(rootUri);
    const lint = this.findings.get(rootUri) ?? (rootFile ? { rootUri, rootFile, byUri: new Map() } : undefined);
    if (lint && this.isLive(lint)) this.background.schedule(rootUri, 0);
  }

  private recordRoot(rootUri: string, rootFile: string, result: LintResult): void {
    const byUri = new Map<string, LintResult['findings']>();
    for (const finding of result.findings) {
      const uri = finding.source ? pathToUri(finding.source) : rootUri;
      const list = byUri.get(uri) ?? [];
      list.push(finding);
      byUri.set(uri, list);
    }
    const before = this.index.set(rootFile, [...(result.references ?? []), ...(result.missingReferences ?? [])]);
    const lint: RootLint = { rootUri, rootFile, byUri, operations: result.referencedOperations };
    this.republish([...this.findings.set(lint), ...before.map(pathToUri), ...(result.references ?? []).map(pathToUri)]);
  }

  private forgetRoot(rootUri: string, rootFile: string): void {
    if (!this.findings.get(rootUri) && !this.index.isRoot(rootFile)) return;
    this.index.delete(rootFile);
    this.republish(this.findings.delete(rootUri));
  }

  private isLive(lint: RootLint): boolean {
    const open = (uri: string) => this.context.documents.get(uri) !== undefined;
    return (
      open(lint.rootUri) || [...lint.byUri.keys()].some(open) || this.index.filesOfRoot(lint.rootFile).some((file) => open(pathToUri(file)))
    );
  }

  private republish(uris: Iterable<string>): void {
    for (const uri of new Set(uris)) {
      const document = this.context.documents.get(uri);
      // An open root publishes its own findings from its own lint.
      this.context.publisher.setReferenced(uri, this.findings.diagnosticsFor(uri, document?.version, document ? uri : undefined));
    }
  }

  private scanOptions(): RootScanOptions {
    return {
      allowedRootsFor: async (filePath) => {
        const uri = pathToUri(filePath);
        return refRootsFor({ uri, languageId: 'yaml' }, await this.context.settings.get(uri), this.context.folders, this.context.trust);
      },
      readFile: async (filePath) => this.context.documents.get(pathToUri(filePath))?.getText() ?? fs.readFile(filePath, 'utf8'),
    };
  }

  /** A root that is not open, linted because a file it uses is: its findings go to every file, itself included. */
  private async lintClosedRoot(rootUri: string, token: CancellationToken): Promise<void> {
    if (this.context.documents.get(rootUri)) return this.relintOpen(rootUri);
    const rootFile = uriToPath(rootUri);
    if (!rootFile) return;
    let text: string;
    try {
      text = await fs.readFile(rootFile, 'utf8');
    } catch {
      this.index.delete(rootFile);
      this.republish(this.findings.delete(rootUri));
      return;
    }
    const settings = await this.context.settings.get(rootUri);
    if (token.isCancellationRequested) return;
    const request = buildLintRequest(
      { uri: rootUri, languageId: /\.json$/i.test(rootFile) ? 'json' : 'yaml' },
      text,
      settings,
      this.context.folders,
      this.context.trust,
    );
    if (request.kind === 'skip') {
      this.forgetRoot(rootUri, rootFile);
      return;
    }
    request.options.openDocuments = this.openTexts(rootFile, text);
    const result = await this.context.backend.lint(request.options, token);
    if (token.isCancellationRequested || this.context.documents.get(rootUri)) return;
    noteRulesetOutcome(this.context, rootUri, result);
    if (!result.isOpenApi) this.forgetRoot(rootUri, rootFile);
    else {
      this.recordRoot(rootUri, rootFile, result);
      // Still wanted? A file of this root may have been closed while it was linted.
      const current = this.findings.get(rootUri);
      if (current && !this.isLive(current)) this.republish(this.findings.delete(rootUri));
    }
  }
}
