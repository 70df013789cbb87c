// npm run bench [-- --quick] [-- --large-mb 4]
// Measures the real language server (node dist/server.js --stdio) and CLI against a bare Spectral run
// of the same file: keystroke → diagnostics latency, cold open, CLI wall time, peak memory, and whether
// the server keeps answering while it lints a multi-megabyte spec. Prints tables of ratios and writes
// test/bench/.results/latest.json. See docs/benchmarks.md.
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSpec } from './generate-spec.mjs';
import { measureReference } from './reference.mjs';
import { ServerSession, positionAt } from './lsp-session.mjs';
import { measureTyping, measureTypingDuringLint } from './measure-typing.mjs';
import { measureResponsiveness } from './measure-responsiveness.mjs';
import { measureCli } from './measure-cli.mjs';
import { latencyTable, responsivenessTable, splitTable } from './report.mjs';
import { formatRatio, ratio } from './stats.mjs';
import { benchRealSpecs, realSpecsTables } from './real-specs.mjs';
import { benchExposureFirst, exposureFirstTable } from './exposure-first.mjs';

process.env.SCARF_ANALYTICS = 'false';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RESULTS = path.join(root, 'test/bench/.results/latest.json');
const PETSTORE = path.join(root, 'examples/petstore-external.yaml');
const PETSTORE_EDIT_AFTER = 'Lists the pets that are for sale';
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const DEFAULT_DEBOUNCE_MS = manifest.contributes.configuration.properties['apiExposureLint.debounceMs'].default;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'large-mb': { type: 'string', default: '4' },
    // Real public specs from npm against the pinned spectral-cli (see real-specs.mjs): on by default.
    'real-only': { type: 'boolean', default: false },
    'no-real': { type: 'boolean', default: false },
    // e.g. --specs blockfrost,github --skip-spectral github (see real-specs.mjs)
    specs: { type: 'string' },
    'skip-spectral': { type: 'string', default: '' },
    // Only the exposure-first pass per keystroke, in process (see exposure-first.mjs); with --specs, --keys.
    'exposure-first': { type: 'boolean', default: false },
    keys: { type: 'string', default: '30' },
  },
});

// Sample counts keep the whole run within ~5 minutes on 2 cores; a multi-MB lint alone takes tens of seconds.
const SIZES = [
  { name: 'petstore', source: PETSTORE, refRuns: 5, engineRuns: 5, edits: 30, editsDuringLint: 5, debouncedEdits: 6, cliRuns: 2 },
  { name: 'small', targetBytes: 5_000, refRuns: 5, engineRuns: 5, edits: 30, editsDuringLint: 5, debouncedEdits: 6, cliRuns: 2 },
  {
    name: 'medium',
    targetBytes: 400_000,
    refRuns: 2,
    engineRuns: 2,
    split: true,
    edits: 8,
    editsDuringLint: 2,
    debouncedEdits: 2,
    cliRuns: 1,
  },
  // The debounce adds a constant to a lint of tens of seconds: not worth another lint here.
  {
    name: 'large',
    targetBytes: Number(args['large-mb']) * 1_000_000,
    refRuns: 1,
    engineRuns: 0,
    edits: 2,
    debouncedEdits: 0,
    cliRuns: 1,
    large: true,
  },
].filter((size) => !(args.quick && size.large));

function specFor(size) {
  if (size.source) {
    const text = readFileSync(size.source, 'utf8');
    return { text, editOffset: text.indexOf(PETSTORE_EDIT_AFTER) + PETSTORE_EDIT_AFTER.length };
  }
  return generateSpec({ targetBytes: size.targetBytes });
}

/** CPU seconds of this process and its finished children (servers, CLIs, references): wall time minus waiting for the cores. */
function cpuSecondsSoFar() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100; // utime stime cutime cstime
}

const GENEROUS_BUDGET = { lintTimeoutMs: 900_000 };

/** The latest diagnostics must be real results: a stopped or failed lint would be timed as a quick one. */
function checkedDiagnostics(session, uri, name) {
  const diagnostics = session.latestDiagnostics(uri);
  const failed = diagnostics.find((d) => /^(lint-timeout|lint-error|rule-timeout|rule-error|parser)$/.test(String(d.code)));
  if (failed) throw new Error(`${name}: the server did not lint the document: ${failed.code}: ${failed.message}`);
  return diagnostics.length;
}

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

async function benchSize(size, workspace, { responsiveness }) {
  const spec = specFor(size);
  const filePath = path.join(workspace, `${size.name}.yaml`);
  await fs.writeFile(filePath, spec.text);
  log(`${size.name}: ${Math.round(spec.text.length / 1024)} KB; bare Spectral reference`);
  const reference = await measureReference(filePath, { runs: size.refRuns, engineRuns: size.engineRuns, split: size.split });

  log(`${size.name}: language server`);
  // The default 30 s lint budget is too short for a multi-MB spec on a busy 2-core machine: a lint that
  // is stopped would be measured as a fast one. The budget is raised; the debounce is the variable.
  const session = await ServerSession.start(workspace, { debounceMs: 0, ...GENEROUS_BUDGET });
  let server;
  let responsive;
  try {
    const { uri, ms: openMs } = await session.open(filePath, spec.text);
    const typing = await measureTyping(session, uri, { offset: spec.editOffset, edits: size.edits });
    const serverFindings = checkedDiagnostics(session, uri, size.name);
    const typingDuringLint =
      size.editsDuringLint > 0
        ? await measureTypingDuringLint(session, uri, { offset: spec.editOffset, edits: size.editsDuringLint })
        : undefined;
    let typingDebounced;
    if (size.debouncedEdits > 0) {
      await session.changeSettings({ ...GENEROUS_BUDGET }); // back to the default debounce
      typingDebounced = await measureTyping(session, uri, { offset: spec.editOffset, edits: size.debouncedEdits });
      await session.changeSettings({ debounceMs: 0, ...GENEROUS_BUDGET });
    }
    // Read before the responsiveness probes: they also ask quick fixes on this document, which parse it on the main thread.
    const peakMemoryKb = session.peakMemoryKb();
    if (responsiveness) {
      log(`${size.name}: responsiveness while it is linted`);
      // Two small documents: quick fixes are asked on one that is never edited (fixes need current
      // results), keystrokes go to the other.
      const petstore = readFileSync(PETSTORE, 'utf8');
      const fixable = await session.open(path.join(workspace, 'companion-fixes.yaml'), petstore);
      const typed = await session.open(path.join(workspace, 'companion-typing.yaml'), petstore);
      responsive = await measureResponsiveness(
        session,
        { uri, offset: spec.editOffset, hoverPosition: positionAt(session.documents.get(uri).text, spec.editOffset) },
        { fixesUri: fixable.uri, typingUri: typed.uri, offset: petstore.indexOf(PETSTORE_EDIT_AFTER) + PETSTORE_EDIT_AFTER.length },
      );
      responsive = { spec: size.name, referenceMs: reference.spectral.p50, ...responsive, peakMemoryKb: session.peakMemoryKb() };
    }
    server = { openMs, typing, typingDuringLint, typingDebounced, peakMemoryKb, findings: serverFindings };
  } finally {
    await session.stop();
  }

  log(`${size.name}: CLI`);
  const cli = await measureCli(filePath, workspace, size.cliRuns, GENEROUS_BUDGET.lintTimeoutMs);
  return { result: { name: size.name, bytes: spec.text.length, reference, server, cli }, responsive };
}

async function exposureFirstOnly() {
  const loadBefore = os.loadavg()[0].toFixed(1);
  const rows = await benchExposureFirst({ specs: args.specs?.split(',') ?? ['blockfrost', 'github'], keys: Number(args.keys) });
  console.log(
    `\nExposure-first pass per keystroke (in process, CPU of all threads), against a cold complete lint; node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${loadBefore} at start, ${os.loadavg()[0].toFixed(1)} at end\n`,
  );
  console.log(exposureFirstTable(rows));
  await fs.mkdir(path.dirname(RESULTS), { recursive: true });
  await fs.writeFile(
    RESULTS.replace(/latest\.json$/, 'exposure-first.json'),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2),
  );
}

async function main() {
  if (args['exposure-first']) return exposureFirstOnly();
  const started = performance.now();
  const loadBefore = os.loadavg();
  const workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'ael-bench-')));
  const sizes = [];
  let responsiveness;
  let real = [];
  try {
    if (!args['no-real']) {
      const list = (value) =>
        value
          ?.split(',')
          .map((name) => name.trim())
          .filter(Boolean);
      real = await benchRealSpecs({ quick: args.quick, only: list(args.specs), skipSpectral: list(args['skip-spectral']) });
    }
    for (const [i, size] of (args['real-only'] ? [] : SIZES).entries()) {
      const { result, responsive } = await benchSize(size, workspace, { responsiveness: i === SIZES.length - 1 });
      sizes.push(result);
      responsiveness ??= responsive;
    }
  } finally {
    await fs.rm(workspace, { recursive: true, force: true });
  }

  const durationS = (performance.now() - started) / 1000;
  const cpuS = cpuSecondsSoFar();
  console.log(
    `\nAPI Exposure Lint benchmark — ratios to a bare Spectral run (spectral:oas recommended + exposure ruleset) of the same file`,
  );
  console.log(
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${loadBefore[0].toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end; ${Math.round(durationS)} s wall, ${Math.round(cpuS)} s CPU\n`,
  );
  if (real.length > 0) console.log(`${realSpecsTables(real)}\n`);
  if (sizes.length > 0) console.log(latencyTable(sizes, DEFAULT_DEBOUNCE_MS));
  for (const size of sizes) if (size.reference.splitCpuMs) console.log(`\n${splitTable(size)}`);
  if (responsiveness) {
    console.log(`\n${responsivenessTable(responsiveness)}`);
    const onBig = responsiveness.idle.codeActionOnBig;
    if (onBig.n > 0)
      console.log(
        `\nQuick fixes on the ${responsiveness.spec} document itself (idle): ${formatRatio(ratio(onBig.p50, responsiveness.idle.codeAction.p50))} those on a small document.`,
      );
    const before = sizes.find((s) => s.name === responsiveness.spec).server.peakMemoryKb;
    console.log(
      `Server peak memory after those probes: ${formatRatio(ratio(responsiveness.peakMemoryKb, before))} the peak while only linting and typing.`,
    );
    if (!responsiveness.smallDiagnosticsBeforeBigLintEnded)
      console.log(
        `The small document's diagnostics arrived only after the ${responsiveness.spec} lint had finished: the two lints share one worker.`,
      );
  }

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverage: { start: loadBefore, end: os.loadavg() },
    quick: args.quick,
    defaultDebounceMs: DEFAULT_DEBOUNCE_MS,
    durationS,
    cpuS,
    sizes,
    responsiveness,
    real,
  };
  await fs.mkdir(path.dirname(RESULTS), { recursive: true });
  await fs.writeFile(RESULTS, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nRaw samples: ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
