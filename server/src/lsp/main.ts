// Entry point of dist/server.js. Run by the VS Code client over IPC, or standalone by other editors:
//   node dist/server.js --stdio [--trust-workspace-code]
// Required as a module (tests), it only exports startServer and starts nothing.
import '../builtin-rules';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { log } from './context';

export { startServer } from './server';
export type { ServerOptions } from './server';
export type { LintBackend, LintCancellation } from './lint-backend';

function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, { trustWorkspaceCode: process.argv.includes('--trust-workspace-code') });
  // Last line of defence: log and keep serving rather than dying on a stray rejection.
  process.on('unhandledRejection', (reason) => log(connection, 'error', `Unhandled rejection: ${String(reason)}`));
  process.on('uncaughtException', (error) => log(connection, 'error', `Uncaught exception: ${error.message}`));
}

if (require.main === module) main();
