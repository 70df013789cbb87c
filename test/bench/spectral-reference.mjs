// The reference every benchmark figure is divided by: a bare Spectral run (spectral:oas recommended +
// the exposure ruleset, i.e. the rules the server applies by default) on the same file, run in its own
// process so that its peak memory can be read on its own.
//   node test/bench/spectral-reference.mjs <file> [--runs N] [--engine-runs N] [--split]
// Prints one JSON object on stdout: times in ms (warm runs, after one unmeasured warm-up when runs > 1).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { Spectral, Document } = require('@stoplight/spectral-core');
const Parsers = require('@stoplight/spectral-parsers');
const { oas } = require('@stoplight/spectral-rulesets');
const { exposureRuleset, Linter, createNodeHost } = require('../../dist/engine.js');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    'engine-runs': { type: 'string', default: '0' },
    split: { type: 'boolean', default: false },
  },
});
const file = positionals[0];
const text = readFileSync(file, 'utf8');

function spectralWith(ruleset) {
  const spectral = new Spectral();
  spectral.setRuleset(ruleset);
  return spectral;
}

/** ms of each measured run; one extra unmeasured warm-up run first when there is more than one. */
async function time(runs, once, cpuTimes = []) {
  if (runs > 1) await once();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await once();
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  return times;
}

const vmHwmKb = () => Number(/VmHWM:\s*(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);

const runs = Number(values.runs);
const full = spectralWith({ extends: [[oas, 'recommended'], exposureRuleset] });
let findings = 0;
const spectralCpu = [];
const spectral = await time(
  runs,
  async () => {
    findings = (await full.run(new Document(text, Parsers.Yaml, file))).length;
  },
  spectralCpu,
);
const result = { spectral, spectralCpu, findings, vmHwmKb: vmHwmKb() };

if (values.split) {
  // Where the reference's time goes: parsing, resolving + walking the document (no rules), each ruleset
  // alone. CPU ms of one run each (the code is already warm from the runs above).
  const cpuOf = async (once) => {
    const cpu = [];
    await time(1, once, cpu);
    return cpu;
  };
  result.splitCpu = {
    parse: await cpuOf(async () => new Document(text, Parsers.Yaml, file)),
    noRules: await cpuOf(async () => spectralWith({ extends: [[oas, 'off']] }).run(new Document(text, Parsers.Yaml, file))),
    oasRecommended: await cpuOf(async () => spectralWith({ extends: [[oas, 'recommended']] }).run(new Document(text, Parsers.Yaml, file))),
    exposure: await cpuOf(async () => spectralWith({ extends: [exposureRuleset] }).run(new Document(text, Parsers.Yaml, file))),
    // The two rules that validate every example against its schema with ajv: what a big-spec user can turn off.
    withoutExampleValidation: await cpuOf(async () =>
      spectralWith({
        extends: [[oas, 'recommended'], exposureRuleset],
        rules: { 'oas3-valid-schema-example': 'off', 'oas3-valid-media-example': 'off' },
      }).run(new Document(text, Parsers.Yaml, file)),
    ),
  };
}

const engineRuns = Number(values['engine-runs']);
if (engineRuns > 0) {
  // The engine the server and CLI use, in this process (no worker, no LSP): ruleset lookup, audiences, suppressions.
  const linter = new Linter(createNodeHost());
  const options = { filePath: file, text, trust: { allowRemote: false, allowedRoots: [] } };
  result.engineCpu = [];
  result.engine = await time(engineRuns, () => linter.lint(options), result.engineCpu);
}

process.stdout.write(JSON.stringify(result));
