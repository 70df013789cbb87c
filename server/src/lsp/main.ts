// The language server's bundle, dist/server-main.js, which dist/server.js (lsp/boot.ts) loads and runs. Run by the
// VS Code client over IPC, or standalone by other editors:
//   node dist/server.js --stdio [--trust-workspace-code]   (see SERVER_USAGE)
// Required as a module (tests), dist/server.js only exports startServer and starts nothing.
import '../builtin-rules';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { log } from './log';
import { parseServerArgs, SERVER_USAGE } from './server-args';
import { setProcessV8Flags } from '../node/v8-flags';

export { startServer } from './server';
// What a launcher adds to the server's environment (the bench's launcher reads it here).
export { SERVER_ENVIRONMENT } from '../protocol';
export type { ServerOptions, ServerHandle } from './server';
export type { LintBackend, LintCancellation } from './lint-backend';

/** Runs the server as a process: arguments, heap growth, the connection of its transport. */
export function main(): void {
  const args = parseServerArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    process.stdout.write(`${SERVER_USAGE}\n`);
    return;
  }
  if (args.kind === 'usage') {
    process.stderr.write(`api-exposure-lint server: ${args.problem}\n${SERVER_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  setProcessV8Flags();
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, { trustWorkspaceCode: args.trustWorkspaceCode });
  // Last line of defence: log and keep serving rather than dying on a stray rejection.
  process.on('unhandledRejection', (reason) => log(connection, 'error', `Unhandled rejection: ${String(reason)}`));
  process.on('uncaughtException', (error) => log(connection, 'error', `Uncaught exception: ${error.message}`));
}
