// Creates the LanguageClient that runs dist/server.js in a node child process over IPC.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  DEFAULT_SETTINGS,
  EXTENSION_ID,
  SERVER_ENVIRONMENT,
  SETTINGS_SECTION,
  type InitializationOptions,
  type Settings,
} from '../../server/src/protocol';

export const CLIENT_NAME = 'API Exposure Lint';

/** Window-level view of the settings; the server pulls per-resource values itself via workspace/configuration. */
function readSettings(): Partial<Settings> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    const value = config.get(key);
    if (value !== undefined) settings[key] = value;
  }
  return settings as Partial<Settings>;
}

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // The environment is merged into the editor's (vscode-languageclient's fork).
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: SERVER_ENVIRONMENT } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { env: SERVER_ENVIRONMENT, execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: ['yaml', 'json'].flatMap((language) => ['file', 'untitled'].map((scheme) => ({ language, scheme }))),
    outputChannel,
    // The server pulls settings per document (workspace/configuration) but only drops its cache on
    // workspace/didChangeConfiguration, which VS Code sends only for a section the client synchronizes.
    synchronize: { configurationSection: SETTINGS_SECTION },
    // A function, so that a restart sends the trust and settings of that moment.
    initializationOptions: (): InitializationOptions => ({
      workspaceTrusted: vscode.workspace.isTrusted,
      settings: readSettings(),
      proxy: readProxy(),
    }),
    middleware: {
      // The server only answers with edits for the version it has, but VS Code does not check the version of a
      // code action's edit: if the user typed while the answer travelled back, those edits would land in the wrong
      // place. Drop them then (the actions come back, for the new text, on the next request).
      provideCodeActions: async (document, range, context, token, next) => {
        const version = document.version;
        const actions = await next(document, range, context, token);
        if (!actions || document.version === version) return actions;
        return actions.filter((action) => !(action instanceof vscode.CodeAction && action.edit));
      },
    },
  };

  // The id must equal the settings section so LanguageClient picks up `apiExposureLint.trace.server`.
  return new LanguageClient(EXTENSION_ID, CLIENT_NAME, serverOptions, clientOptions);
}

/** VS Code's proxy settings, for remote rulesets (a change takes effect when the server restarts). */
function readProxy(): InitializationOptions['proxy'] {
  const http = vscode.workspace.getConfiguration('http');
  const url = http.get<string>('proxy');
  return url ? { url, strictSSL: http.get<boolean>('proxyStrictSSL', true) } : undefined;
}
