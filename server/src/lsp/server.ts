// Wires the concerns to an injected connection: main.ts passes a real stdio/IPC connection,
// tests pass one over in-memory streams (and, if they want, a fake LintBackend).
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  FIX_ALL_KIND,
  LINT_WORKSPACE_REQUEST,
  SETTINGS_SECTION,
  TRUST_CHANGED_NOTIFICATION,
  type InitializationOptions,
  type TrustChangedParams,
} from '../protocol';
import { createNodeHost } from '../node-host';
import { createInProcessBackend, createWorkerBackend, type LintBackend } from './lint-backend';
import { createWorkerFixProvider, engineFixProvider, type FixProvider } from './fix-provider';
import { SettingsStore } from './settings';
import { WorkspaceFolders, uriToPath } from './workspace';
import { LintResults } from './lint-results';
import { DiagnosticsPublisher } from './diagnostics-publisher';
import { RulesetErrors } from './ruleset-errors';
import { RulesetWatch } from './ruleset-watch';
import { LintScheduler } from './lint-scheduler';
import { lintDocument } from './document-linter';
import { ExposureFirst } from './exposure-first';
import { provideCodeActions, resolveCodeAction } from './code-actions';
import { provideHover } from './hover';
import { provideCodeLenses } from './code-lens';
import { lintWorkspace } from './lint-workspace';
import { log, logError, type ServerContext } from './context';

export interface ServerOptions {
  /** Defaults to the engine running on this thread. */
  backend?: LintBackend;
  /** Size (characters) from which quick fixes are resolved lazily; default 256 KB. */
  lazyFixThreshold?: number;
  /** Lint on the server's own thread instead of a worker (tests of the engine wiring only). */
  inProcess?: boolean;
  fixes?: FixProvider;
  /** --trust-workspace-code: run workspace JavaScript even if the client does not say the workspace is trusted. */
  trustWorkspaceCode?: boolean;
}

type LintTrigger = 'open' | 'change' | 'save' | 'refresh';

/** Runs a handler; on failure logs and answers `fallback`, so one bad request never takes the server down. */
const DEFAULT_LAZY_FIX_THRESHOLD = 256 * 1024;

function guarded<P, R>(connection: Connection, name: string, fallback: R, handler: (params: P) => R | Promise<R>) {
  return async (params: P): Promise<R> => {
    try {
      return await handler(params);
    } catch (error) {
      logError({ connection }, name, error);
      return fallback;
    }
  };
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  let context: ServerContext | undefined;
  let scheduler: LintScheduler | undefined;
  let exposureFirst: ExposureFirst | undefined;
  const justOpened = new Set<string>();

  const requestLint = (uri: string, trigger: LintTrigger) => {
    if (!context || !scheduler) return;
    const ctx = context;
    const sched = scheduler;
    ctx.settings
      .get(uri)
      .then((settings) => {
        if (!documents.get(uri)) return;
        if (settings.run === 'onSave' && trigger === 'change') return;
        if (settings.run === 'onType' && trigger === 'save') return;
        sched.schedule(uri, trigger === 'change' ? settings.debounceMs : 0);
        // The exposure findings do not wait for the debounce (large documents only, see exposure-first.ts).
        if (trigger === 'change' || trigger === 'open') exposureFirst?.schedule(uri);
      })
      .catch((error: unknown) => logError(ctx, 'Scheduling a lint', error));
  };
  const relintAll = () => {
    for (const document of documents.all()) requestLint(document.uri, 'refresh');
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    const initOptions = (params.initializationOptions ?? {}) as InitializationOptions;
    const folders = new WorkspaceFolders();
    folders.set(params.workspaceFolders, params.rootUri);
    const publisher = new DiagnosticsPublisher(connection);
    const watched = capabilities.workspace?.didChangeWatchedFiles;
    const logger = {
      info: (m: string) => log(connection, 'info', m),
      warn: (m: string) => log(connection, 'warn', m),
      error: (m: string) => log(connection, 'error', m),
    };
    const backend = options.backend ?? (options.inProcess ? createInProcessBackend(createNodeHost(logger)) : createWorkerBackend(logger, initOptions.proxy));
    context = {
      connection,
      documents,
      settings: new SettingsStore(connection, capabilities.workspace?.configuration === true, initOptions.settings),
      folders,
      backend,
      fixes: options.fixes ?? (options.inProcess ? engineFixProvider : createWorkerFixProvider(path.join(__dirname, 'lint-worker.js'))),
      results: new LintResults(),
      publisher,
      rulesetErrors: new RulesetErrors(connection, publisher, (uri) => documents.get(uri) !== undefined),
      rulesetWatch: new RulesetWatch(connection, {
        dynamicRegistration: watched?.dynamicRegistration === true,
        relativePatternSupport: watched?.relativePatternSupport === true,
      }),
      trust: { trustWorkspaceCode: options.trustWorkspaceCode === true || initOptions.workspaceTrusted === true },
      lintNow: (uri) => scheduler?.flush(uri),
      lazyFixThreshold: capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit')
        ? options.lazyFixThreshold ?? DEFAULT_LAZY_FIX_THRESHOLD
        : Number.POSITIVE_INFINITY,
    };
    const ctx = context;
    scheduler = new LintScheduler(
      (uri, token) => lintDocument(ctx, uri, token),
      (uri, error) => logError(ctx, `Lint of ${uri}`, error),
    );
    exposureFirst = new ExposureFirst(ctx);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'api-exposure-lint' },
    };
  });

  connection.onInitialized(async () => {
    if (!context) return;
    const ctx = context;
    try {
      await ctx.rulesetWatch.start();
      await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    } catch (error) {
      // Clients without dynamic registration still send these notifications if they are configured to.
      logError(ctx, 'Dynamic registration', error);
    }
    try {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        ctx.folders.change(event.added, event.removed);
        relintAll();
      });
    } catch {
      // The client does not support workspace folders: the folders from initialize stay.
    }
  });

  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    const filePath = uriToPath(event.document.uri);
    if (filePath && context) context.rulesetErrors.onDidOpen(filePath);
  });
  // Fires for opens too (after onDidOpen): a new document is linted at once, edits after the debounce.
  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    requestLint(uri, justOpened.delete(uri) ? 'open' : 'change');
  });
  documents.onDidSave((event) => requestLint(event.document.uri, 'save'));
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    justOpened.delete(uri);
    scheduler?.cancel(uri);
    exposureFirst?.cancel(uri);
    if (!context) return;
    context.results.delete(uri);
    context.rulesetWatch.forget(uri);
    context.settings.forget(uri);
    context.publisher.clear(uri);
    // Nothing open any more: give back the lint workers' memory (a multi-MB spec leaves hundreds of MB of
    // heap behind); the next document starts fresh workers.
    if (documents.all().length === 0) void context.backend.releaseIdleWorkers?.();
  });

  connection.onDidChangeConfiguration((params) => {
    context?.settings.onDidChangeConfiguration(params.settings);
    relintAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (!context) return;
    let relevant = false;
    for (const change of params.changes) {
      const filePath = uriToPath(change.uri);
      if (!filePath || !context.rulesetWatch.isRelevant(filePath)) continue;
      relevant = true;
      // A new or deleted .spectral.* changes which ruleset applies where: drop everything.
      context.backend.invalidate(change.type === FileChangeType.Changed ? filePath : undefined);
    }
    if (relevant) relintAll();
  });

  connection.onNotification(TRUST_CHANGED_NOTIFICATION, (params: TrustChangedParams) => {
    if (!context) return;
    context.trust.trustWorkspaceCode = options.trustWorkspaceCode === true || params?.trusted === true;
    relintAll();
  });

  connection.onRequest(LINT_WORKSPACE_REQUEST, async (_params: unknown, token) => {
    if (!context) return { files: 0, findings: 0 };
    try {
      return await lintWorkspace(context, token);
    } catch (error) {
      logError({ connection }, 'Lint workspace', error);
      return { files: 0, findings: 0 };
    }
  });
  connection.onCodeAction(guarded(connection, 'Code actions', [], (params) => (context ? provideCodeActions(context, params) : [])));
  connection.onCodeActionResolve(async (action: CodeAction) => {
    try {
      return context ? await resolveCodeAction(context, action) : action;
    } catch (error) {
      logError({ connection }, 'Code action resolve', error);
      return action; // unresolved: the client applies nothing
    }
  });
  connection.onHover(guarded(connection, 'Hover', null, (params) => (context ? provideHover(context, params) : null)));
  connection.onCodeLens(guarded(connection, 'CodeLens', [], (params) => (context ? provideCodeLenses(context, params) : [])));

  connection.onShutdown(async () => {
    scheduler?.dispose();
    exposureFirst?.dispose();
    try {
      await context?.backend.dispose?.();
      await context?.fixes.dispose?.();
    } catch (error) {
      logError({ connection }, 'Shutdown', error);
    }
  });

  documents.listen(connection);
  connection.listen();
}
