// Runs a command under strace and reports which files it opened (or tried to), which sockets it
// connected and which programs it ran: the proof that "nothing outside the fixture root is opened and
// no connection is attempted" covers the main thread, the worker threads and any child process.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const HAS_STRACE = spawnSync('strace', ['-V']).status === 0;

/** Prefix for runCli: follow threads and children, quiet, only the syscalls we judge. */
export const stracePrefix = (logFile) => ['strace', '-f', '-qq', '-e', 'trace=open,openat,connect,execve', '-o', logFile];

export async function readTrace(logFile, cwd) {
  const lines = (await fs.readFile(logFile, 'utf8')).split('\n');
  const opened = [];
  const connects = [];
  const execs = [];
  for (const line of lines) {
    const open = /\bopen(?:at)?\((?:[^,]+, )?"((?:[^"\\]|\\.)*)"/.exec(line);
    if (open) opened.push({ file: path.resolve(cwd, open[1]), ok: !/= -1 /.test(line) });
    if (/\bconnect\(/.test(line)) connects.push(line.replace(/^\d+\s+/, ''));
    const exec = /\bexecve\("([^"]*)"/.exec(line);
    if (exec) execs.push(exec[1]);
  }
  return { opened, connects, execs };
}

/** What node itself needs to start: its binary, shared libraries, TLS/DNS config, a few /proc and /sys files. */
export const SYSTEM_ALLOWLIST = [
  /^\/usr\/bin\/node$/,
  /^\/(usr\/)?lib(64|x32)?\//,
  /^\/etc\/(ld\.so\.cache|ld\.so\.preload|ssl\/.*|resolv\.conf|nsswitch\.conf|svc\.conf|netsvc\.conf|host\.conf|hosts|gai\.conf|localtime)$/,
  /^\/usr\/(share\/zoneinfo|lib\/ssl)\//,
  /^\/proc\/(self|\d+)\/(maps|cgroup|stat|status|mountinfo)$/,
  /^\/proc\/(meminfo|cpuinfo|stat|sys\/.*)$/,
  // The lint threads' CPU time, which time budgets count (server/src/node/thread-cpu.ts): stat files only.
  /^\/proc\/(thread-self|self\/task\/\d+)\/stat$/,
  /^\/sys\/(fs\/cgroup|devices\/system\/cpu)\//,
  /^\/dev\/(urandom|null|tty|pts\/\d+)$/,
];

/** Opens (including failed attempts) outside the allowlist and the given roots. */
export function openedOutside(opened, roots) {
  const inside = (file) => roots.some((root) => file === root || file.startsWith(root + '/'));
  return [...new Set(opened.map((o) => o.file).filter((file) => !inside(file) && !SYSTEM_ALLOWLIST.some((re) => re.test(file))))];
}
