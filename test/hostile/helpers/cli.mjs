// Runs the built CLI (node dist/cli.js) as a child process, as CI would. A hard deadline kills a hung
// run, so a hang shows up as a failed assertion naming the case instead of a stuck test run.
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const SERVER = path.join(REPO, 'dist', 'server.js');
export const CHILD_ENV = { ...process.env, NO_COLOR: '1', SCARF_ANALYTICS: 'false' };
/** Far above any case's real duration; only there so a hang cannot stall the suite. */
export const HANG_DEADLINE_MS = 90_000;

/**
 * `node dist/cli.js ...args` in `cwd`. Resolves { code, signal, stdout, stderr, findings } where
 * findings is the parsed JSON report when `--format json` was passed and stdout parsed.
 * `prefix` runs the CLI under another program (strace, /usr/bin/time).
 */
export function runCli(args, { cwd, prefix = [], deadlineMs = HANG_DEADLINE_MS, env = CHILD_ENV } = {}) {
  return new Promise((resolve) => {
    const command = [...prefix, process.execPath, CLI, ...args];
    const child = spawn(command[0], command.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, deadlineMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let findings;
      if (args.includes('json')) {
        try {
          findings = JSON.parse(stdout);
        } catch {
          findings = undefined;
        }
      }
      resolve({ code, signal, hung, stdout, stderr, findings });
    });
  });
}

/** The invariants every run must keep, whatever it was fed. */
export function assertWellBehaved(run, label, { allowedCodes = [0, 1, 2] } = {}) {
  const context = `${label}\nexit ${run.code} signal ${run.signal}\nstderr: ${run.stderr}\nstdout: ${run.stdout.slice(0, 2000)}`;
  assert.equal(run.hung, false, `hung: ${context}`);
  assert.ok(allowedCodes.includes(run.code), `exit code: ${context}`);
  assertCleanStderr(run.stderr, context);
}

/** The summary machine formats print on stderr (stdout stays parseable). */
const SUMMARY_LINE = /^(✖ \d+ problems?|No problems found) /;

/** stderr is short lines prefixed by the program name (or the summary); no stack traces without --verbose. */
export function assertCleanStderr(stderr, context = stderr) {
  assert.doesNotMatch(stderr, /^\s+at .+[(:]\d+/m, `stack trace on stderr: ${context}`);
  assert.doesNotMatch(stderr, /Error: .*\n.*\n.*node:internal/, `node internal error on stderr: ${context}`);
  for (const line of stderr.split('\n').filter((l) => l && !SUMMARY_LINE.test(l))) {
    assert.match(line, /^api-exposure-lint: /, `stderr line without the program prefix: ${JSON.stringify(line)}\n${context}`);
  }
}

/** Findings of one file (the JSON report's `file` is relative to cwd). */
export const findingsOf = (run, file) => (run.findings ?? []).filter((f) => f.file === file);
export const codesOf = (findings) => [...new Set(findings.map((f) => f.code))].sort();
