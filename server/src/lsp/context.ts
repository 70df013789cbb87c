// Everything the handlers share, created once in server.ts and passed to each concern's module.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintBackend } from './lint-backend';
import type { LintResults } from './lint-results';
import type { DiagnosticsPublisher } from './diagnostics-publisher';
import type { RulesetErrors } from './ruleset-errors';
import type { RulesetWatch } from './ruleset-watch';
import type { SettingsStore } from './settings';
import type { TrustState } from './lint-request';
import type { WorkspaceFolders } from './workspace';
import type { FixProvider } from './fix-provider';
import type { CrossFile } from './cross-file';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  folders: WorkspaceFolders;
  backend: LintBackend;
  fixes: FixProvider;
  results: LintResults;
  publisher: DiagnosticsPublisher;
  rulesetErrors: RulesetErrors;
  rulesetWatch: RulesetWatch;
  trust: TrustState;
  /**
   * Documents at least this long get quick fixes without edits, resolved when the user picks one
   * (codeAction/resolve), when the client supports it: computing every fix's edits on a multi-megabyte
   * spec takes seconds of the server's only thread.
   */
  lazyFixThreshold: number;
  /**
   * The client applies versioned TextDocumentEdits (workspace.workspaceEdit.documentChanges): every fix names
   * the document version it was computed for, and the client refuses it if the document moved on since.
   */
  versionedEdits: boolean;
  /** Multi-file descriptions: the reverse $ref index and the findings roots report in other files. */
  crossFile: CrossFile;
  /** Lint a document now instead of after its debounce (fix-all on save needs the current version's findings). */
  lintNow(uri: string): void;
}
