#!/usr/bin/env node
// `npm run test:all`: every test tier, one after another, even when an earlier one fails, so that one run
// shows every failure (a broken unit test must not hide a broken real-editor test). Each tier's output is
// streamed as it comes; a summary follows; the exit code is the worst of the tiers' (0 only if all passed).
//
// Usage: node scripts/test-all.mjs [tier...]   (default: all tiers, in the order below)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** In order: later tiers use what earlier ones build (dist/), but still run if one fails. */
export const TIERS = [
  { name: 'typecheck', command: 'npm run typecheck' },
  { name: 'lint', command: 'npm run lint' },
  { name: 'build', command: 'npm run build' },
  { name: 'unit', command: 'node --test --test-concurrency=1 test/unit/' },
  { name: 'lsp', command: 'node --test --test-concurrency=1 test/lsp/' },
  { name: 'hostile', command: 'npm run test:hostile' },
  { name: 'e2e', command: 'npm run test:e2e' },
];

/** Counts and failed test names from node --test output, TAP (piped) or spec (terminal) reporter. */
export function summarizeOutput(output) {
  const count = (word) => {
    const all = [...output.matchAll(new RegExp(`^(?:#|ℹ) ${word} (\\d+)`, 'gm'))];
    return all.length ? all.reduce((sum, m) => sum + Number(m[1]), 0) : undefined;
  };
  const failed = new Set();
  for (const m of output.matchAll(/^not ok \d+ - (.+)$/gm)) failed.add(m[1].trim()); // top-level TAP tests only
  for (const m of output.matchAll(/^✖ (.+?)(?: \([\d.]+m?s\))?$/gm)) if (!/^failing tests:?$/.test(m[1])) failed.add(m[1].trim());
  return { pass: count('pass'), fail: count('fail'), failed: [...failed] };
}

function runTier(tier, io) {
  return new Promise((resolve) => {
    const started = Date.now();
    let output = '';
    const child = spawn(tier.command, { cwd: root, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      io.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      io.stderr.write(chunk);
    });
    child.on('error', (error) => {
      output += String(error);
      resolve({ ...tier, code: 1, seconds: (Date.now() - started) / 1000, ...summarizeOutput(output) });
    });
    child.on('close', (code, signal) => {
      resolve({ ...tier, code: code ?? (signal ? 1 : 0), signal, seconds: (Date.now() - started) / 1000, ...summarizeOutput(output) });
    });
  });
}

export function formatSummary(results) {
  const lines = ['', 'test:all summary'];
  for (const r of results) {
    const status = r.code === 0 ? 'ok  ' : 'FAIL';
    const counts = r.pass !== undefined ? `  ${r.pass} passed, ${r.fail ?? 0} failed` : '';
    const how = r.code === 0 ? '' : `  (exit ${r.signal ?? r.code})`;
    lines.push(`  ${status} ${r.name.padEnd(10)} ${r.seconds.toFixed(0).padStart(5)} s${counts}${how}`);
    for (const name of r.code === 0 ? [] : r.failed.slice(0, 20)) lines.push(`         ✖ ${name}`);
    if (r.code !== 0 && r.failed.length > 20) lines.push(`         … and ${r.failed.length - 20} more`);
  }
  const failedTiers = results.filter((r) => r.code !== 0).map((r) => r.name);
  lines.push(
    failedTiers.length
      ? `${failedTiers.length} of ${results.length} tiers failed: ${failedTiers.join(', ')}`
      : `all ${results.length} tiers passed`,
  );
  return lines.join('\n') + '\n';
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !TIERS.some((t) => t.name === name));
  if (unknown.length) {
    process.stderr.write(`test-all: unknown tier ${unknown.join(', ')} (tiers: ${TIERS.map((t) => t.name).join(', ')})\n`);
    process.exit(2);
  }
  const { exitCode } = await runTiers(TIERS.filter((t) => !wanted.length || wanted.includes(t.name)));
  process.exitCode = exitCode;
}

/** Runs every tier whatever the earlier ones gave; exit code: the worst (highest) of theirs. */
export async function runTiers(tiers, io = { stdout: process.stdout, stderr: process.stderr }) {
  const results = [];
  for (const tier of tiers) {
    io.stdout.write(`\n=== ${tier.name}: ${tier.command}\n`);
    results.push(await runTier(tier, io));
  }
  io.stdout.write(formatSummary(results));
  return { results, exitCode: Math.max(0, ...results.map((r) => r.code)) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
