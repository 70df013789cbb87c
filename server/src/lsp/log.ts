// The server's logging, in a module of its own: most of the server's modules log, and context.ts (which
// names their types) must not be what they import it from, or every one of them would be in an import cycle.
import type { Connection } from 'vscode-languageserver';

/**
 * Logs to the client's output. Never throws (the connection may already be closed) and never logs
 * document text or settings values: only the place and the error's message.
 */
export function log(connection: Connection, level: 'error' | 'warn' | 'info', message: string): void {
  try {
    connection.console[level](message);
  } catch {
    // Nowhere left to report to.
  }
}

export function logError(context: { connection: Connection }, where: string, error: unknown): void {
  log(context.connection, 'error', `${where}: ${error instanceof Error ? error.message : String(error)}`);
}
