// Runs spectral-reference.mjs in a child process and returns its measurements.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median, summarize } from './stats.mjs';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'spectral-reference.mjs');

export async function measureReference(filePath, { runs, engineRuns = 0, split = false }) {
  const args = [SCRIPT, filePath, '--runs', String(runs), '--engine-runs', String(engineRuns), ...(split ? ['--split'] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    maxBuffer: 1 << 24,
    env: { ...process.env, SCARF_ANALYTICS: 'false' },
  });
  const raw = JSON.parse(stdout);
  return {
    spectral: summarize(raw.spectral),
    spectralCpuMs: median(raw.spectralCpu),
    findings: raw.findings,
    peakMemoryKb: raw.vmHwmKb,
    engine: raw.engine ? summarize(raw.engine) : undefined,
    engineCpuMs: raw.engineCpu ? median(raw.engineCpu) : undefined,
    splitCpuMs: raw.splitCpu ? Object.fromEntries(Object.entries(raw.splitCpu).map(([k, v]) => [k, median(v)])) : undefined,
  };
}
