// The language server's command line: one transport (as vscode-languageserver reads it) and our own flags.
// Anything else is a usage error: one line and exit 2, not a stack trace from deep inside the connection setup.

export const SERVER_USAGE =
  'Usage: node dist/server.js (--stdio | --node-ipc | --socket=<port> | --pipe=<name>) [--clientProcessId=<pid>] [--trust-workspace-code]';

export type ServerArgs = { kind: 'serve'; trustWorkspaceCode: boolean } | { kind: 'help' } | { kind: 'usage'; problem: string };

/** Options that take a value, written `--name=value` or `--name value`. */
const WITH_VALUE = new Set(['--socket', '--pipe', '--clientProcessId']);
const TRANSPORTS = new Set(['--stdio', '--node-ipc', '--socket', '--pipe']);

export function parseServerArgs(argv: readonly string[]): ServerArgs {
  let transport: string | undefined;
  let trustWorkspaceCode = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const [name, inlineValue] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--trust-workspace-code' && inlineValue === undefined) {
      trustWorkspaceCode = true;
      continue;
    }
    if (WITH_VALUE.has(name)) {
      const value = inlineValue ?? argv[++i];
      if (!value) return { kind: 'usage', problem: `${name} needs a value` };
      if (name === '--socket' && !/^\d+$/.test(value)) return { kind: 'usage', problem: `--socket needs a port number, not "${value}"` };
    } else if (!TRANSPORTS.has(name) || inlineValue !== undefined) {
      return { kind: 'usage', problem: `unknown argument "${arg}"` };
    }
    if (TRANSPORTS.has(name)) {
      if (transport && transport !== name) return { kind: 'usage', problem: `choose one transport, not ${transport} and ${name}` };
      transport = name;
    }
  }
  if (!transport) return { kind: 'usage', problem: 'no transport given' };
  return { kind: 'serve', trustWorkspaceCode };
}
