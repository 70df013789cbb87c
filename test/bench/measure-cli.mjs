// The headless CLI as CI runs it (bin/api-exposure-lint.js): a new process per invocation (start-up, ruleset load, worker,
// lint, JSON output), timed from spawn to exit.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize } from './stats.mjs';

// What users run (npx api-exposure-lint), as in real-specs.mjs.
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/api-exposure-lint.js');

function runOnce(filePath, cwd, timeoutMs) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [CLI, '--format', 'json', '--timeout', String(timeoutMs / 1000), filePath], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SCARF_ANALYTICS: 'false' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - start;
      // Exit 1 only says there are findings; 2 is a real failure.
      if (code !== 0 && code !== 1) return reject(new Error(`CLI exited ${code}: ${stderr.trim()}`));
      const results = JSON.parse(stdout);
      const failed = results.find((r) => /^(lint-timeout|lint-error|rule-timeout|rule-error)$/.test(r.code));
      if (failed) return reject(new Error(`CLI did not lint ${filePath}: ${failed.code}: ${failed.message}`));
      resolve({ ms, findings: results.length });
    });
  });
}

export async function measureCli(filePath, cwd, runs, timeoutMs) {
  const samples = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const run = await runOnce(filePath, cwd, timeoutMs);
    samples.push(run.ms);
    findings = run.findings;
  }
  return { ...summarize(samples), findings };
}
