// Wires the concerns to an injected connection: main.ts passes a real stdio/IPC connection,
// tests pass one over in-memory streams (and, if they want, a fake LintBackend).
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  FileChangeType,
  MessageType,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import os from 'node:os';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  FIX_ALL_KIND,
  LINT_WORKSPACE_REQUEST,
  EXPOSURE_INVENTORY_REQUEST,
  type ExposureInventoryParams,
  SETTINGS_SECTION,
  TRUST_CHANGED_NOTIFICATION,
  type InitializationOptions,
  type TrustChangedParams,
} from '../protocol';
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
import { exposureInventory } from './exposure-inventory';
import type { ServerContext } from './context';
import { log, logError } from './log';
import { releaseAfterClose } from './memory-after-close';
import { CrossFile } from './cross-file';
import { provideDefinition, provideRefHover } from './ref-navigation';
import { provideFragmentHover } from './fragment-hover';

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
  /**
   * An edit's complete lint starts once the same edit's early exposure pass is done (see EARLY_PASS_ALONE_BELOW_CORES).
   * Default: on machines with fewer than that many cores.
   */
  earlyPassAlone?: boolean;
}

/**
 * Below this many cores, the server's thread and its two lint workers share the cores: an edit's complete lint, started
 * after the debounce, slowed down the early pass that should come first (GitHub's 13 MB spec on 2 cores: keystroke →
 * exposure 1.0–1.5 s, 0.83–1.0 s with the complete lint waiting). The wait costs the complete lint at most the early
 * pass's time, ~10% of its own. Not at open, where each gets a worker of its own.
 */
const EARLY_PASS_ALONE_BELOW_CORES = 3;

type LintTrigger = 'open' | 'change' | 'save' | 'refresh';

/** From this size (characters), quick fixes are listed by title and their edits computed on codeAction/resolve. */
const DEFAULT_LAZY_FIX_THRESHOLD = 256 * 1024;

/** What startServer returns: introspection for in-process tests (resource bounds); clients never see it. */
export interface ServerHandle {
  /** How many entries each per-document store holds right now; all 0 once every document is closed. */
  resourceCounts(): Record<string, number>;
}

/** Runs a handler; on failure logs and answers `fallback`, so one bad request never takes the server down. */
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

export function startServer(connection: Connection, options: ServerOptions = {}): ServerHandle {
  const documents = new TextDocuments(TextDocument);
  let context: ServerContext | undefined;
  let scheduler: LintScheduler | undefined;
  let exposureFirst: ExposureFirst | undefined;
  const justOpened = new Set<string>();
  let watchFiles = false;
  const earlyPassAlone = options.earlyPassAlone ?? (os.availableParallelism?.() ?? os.cpus().length) < EARLY_PASS_ALONE_BELOW_CORES;

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
    watchFiles = watched?.dynamicRegistration === true;
    const logger = {
      info: (m: string) => log(connection, 'info', m),
      warn: (m: string) => log(connection, 'warn', m),
      error: (m: string) => log(connection, 'error', m),
    };
    const backend =
      options.backend ?? (options.inProcess ? createInProcessBackend(logger) : createWorkerBackend(logger, initOptions.proxy));
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
      versionedEdits: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      crossFile: undefined as unknown as CrossFile, // set just below: it needs the context
      lazyFixThreshold: capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit')
        ? (options.lazyFixThreshold ?? DEFAULT_LAZY_FIX_THRESHOLD)
        : Number.POSITIVE_INFINITY,
    };
    const ctx = context;
    // CodeLenses show the requirements' status: ask the client to fetch them again when a new result arrives.
    const refreshLenses = capabilities.workspace?.codeLens?.refreshSupport === true;
    ctx.crossFile = new CrossFile(ctx, (uri) => requestLint(uri, 'refresh'));
    scheduler = new LintScheduler(
      async (uri, token) => {
        const before = ctx.results.get(uri);
        if (earlyPassAlone && before) await exposureFirst?.settled(uri);
        await lintDocument(ctx, uri, token);
        if (refreshLenses && ctx.results.get(uri) !== before)
          void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      },
      (uri, error) => logError(ctx, `Lint of ${uri}`, error),
    );
    exposureFirst = new ExposureFirst(ctx);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
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
      await ctx.crossFile.start(watchFiles);
      await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    } catch (error) {
      // Clients without dynamic registration still send these notifications if they are configured to.
      logError(ctx, 'Dynamic registration', error);
    }
    try {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        ctx.folders.change(event.added, event.removed);
        ctx.crossFile.onFoldersChanged();
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
    context.crossFile.onClose(uri);
    const closed = { filePath: uriToPath(uri), chars: event.document.getText().length, stillOpen: documents.all().length };
    const ctx = context;
    releaseAfterClose(ctx.backend, ctx.fixes, (message) => log(ctx.connection, 'info', message), closed).catch((error: unknown) =>
      logError(ctx, 'Releasing memory', error),
    );
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
    context.crossFile.onWatchedFiles(params.changes).catch((error: unknown) => logError({ connection }, 'Watched files', error));
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
  connection.onRequest(EXPOSURE_INVENTORY_REQUEST, async (params: ExposureInventoryParams | undefined, token) => {
    if (!context) return { documents: [], score: null };
    try {
      return await exposureInventory(context, params, token);
    } catch (error) {
      logError({ connection }, 'Exposure inventory', error);
      return { documents: [], score: null };
    }
  });
  // Quick fixes that could not be computed (say the quick-fix worker died; it is replaced on the next request):
  // the user asked for them, so say so once in a message rather than only in the log.
  const fixesFailed = (error: unknown) => {
    void connection
      .sendNotification('window/showMessage', {
        type: MessageType.Warning,
        message: `API Exposure Lint: quick fixes could not be computed (${error instanceof Error ? error.message : String(error)}); try again.`,
      })
      .catch(() => undefined);
  };
  connection.onCodeAction(async (params) => {
    try {
      return context ? await provideCodeActions(context, params) : [];
    } catch (error) {
      logError({ connection }, 'Code actions', error);
      fixesFailed(error);
      return [];
    }
  });
  connection.onCodeActionResolve(async (action: CodeAction) => {
    try {
      return context ? await resolveCodeAction(context, action) : action;
    } catch (error) {
      logError({ connection }, 'Code action resolve', error);
      fixesFailed(error);
      return action; // unresolved: the client applies nothing
    }
  });
  connection.onHover(
    guarded(connection, 'Hover', null, async (params) => {
      if (!context) return null;
      // A $ref under the cursor first, then the operation (of this document, or of a fragment as its roots use it).
      return (await provideRefHover(context, params)) ?? provideHover(context, params) ?? provideFragmentHover(context, params);
    }),
  );
  connection.onDefinition(guarded(connection, 'Definition', null, (params) => (context ? provideDefinition(context, params) : null)));
  connection.onCodeLens(guarded(connection, 'CodeLens', [], (params) => (context ? provideCodeLenses(context, params) : [])));

  connection.onShutdown(async () => {
    scheduler?.dispose();
    context?.crossFile.dispose();
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
  return {
    resourceCounts: () => ({
      documents: documents.keys().length,
      justOpened: justOpened.size,
      scheduled: scheduler?.size ?? 0,
      results: context?.results.size ?? 0,
      published: context?.publisher.size ?? 0,
      settings: context?.settings.size ?? 0,
      rulesetWatch: context?.rulesetWatch.size ?? 0,
      lintThreads: context?.backend.runningThreads?.() ?? 0,
    }),
  };
}
