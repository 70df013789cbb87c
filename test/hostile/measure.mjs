// Measures each hostile case through the CLI under /usr/bin/time: wall time, peak memory (max RSS of
// the process, worker threads included), exit code. Prints a Markdown table for docs/hostile-input.md.
//   node scripts/build.mjs && node test/hostile/measure.mjs
import { spawnSync } from 'node:child_process';
import * as g from './helpers/generate.mjs';
import * as r from './helpers/rulesets.mjs';
import { CLI, CHILD_ENV } from './helpers/cli.mjs';

const CASES = [
  ['good spec (baseline)', ['good.yaml']],
  ['YAML alias bomb (9^12 nodes)', ['alias-bomb.yaml']],
  ['JSON nested 10,000 deep', ['deep.json']],
  ['YAML flow nested 10,000 deep', ['deep-flow.yaml']],
  ['YAML block nested 10,000 deep', ['deep-block.yaml']],
  ['55 MB document (over the 50 MB limit)', ['oversized.yaml']],
  ['3 MB document, full lint', ['large.yaml']],
  ['3 MB document, --timeout 1', ['--timeout', '1', 'large.yaml']],
  ['escaping / device / FIFO / symlink $refs', ['escapes.yaml']],
  ['rule function with an endless loop, --timeout 3', ['--trust-workspace-code', '--timeout', '3', 'loops/api.yaml']],
  ['ruleset that is an alias bomb, --timeout 5', ['--timeout', '5', 'bomb-ruleset/api.yaml']],
];

const root = await g.fixtureRoot({
  'good.yaml': g.EXTERNAL_SPEC,
  'alias-bomb.yaml': g.aliasBomb(),
  'deep.json': g.deepJson(10_000),
  'deep-flow.yaml': g.deepYamlFlow(10_000),
  'deep-block.yaml': g.deepYamlBlock(10_000),
  'oversized.yaml': g.oversizedSpec(55_000_000),
  'large.yaml': g.largeSpec(3_000_000),
  'escapes.yaml': g.specWith(
    "components:\n  schemas:\n    A: { $ref: '../../../../../../../../etc/passwd' }\n    B: { $ref: 'file:///dev/zero' }\n    C: { $ref: 'http://127.0.0.1:9/x.yaml' }\n",
  ),
  ...Object.fromEntries(Object.entries(r.loopingFunction()).map(([f, t]) => [`loops/${f}`, f === 'api.yaml' ? g.EXTERNAL_SPEC : t])),
  'bomb-ruleset/.spectral.yaml': r.ALIAS_BOMB_RULESET,
  'bomb-ruleset/api.yaml': g.EXTERNAL_SPEC,
});

console.log('| Case | Exit | Wall time (s) | Peak RSS (MB) | Outcome |');
console.log('|---|---|---|---|---|');
for (const [label, args] of CASES) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, CLI, '--format', 'json', ...args], {
    cwd: root.dir,
    env: CHILD_ENV,
    encoding: 'utf8',
    maxBuffer: 1e9,
  });
  const [wall, rssKb] = run.stderr.trim().split('\n').pop().split(' ');
  let outcome = '';
  try {
    const findings = JSON.parse(run.stdout);
    outcome = [...new Set(findings.map((f) => f.code))].filter((c) => !/^(info-|oas3-api-servers)/.test(c)).join(', ');
  } catch {
    outcome = run.stderr.split('\n')[0].slice(0, 80);
  }
  console.log(`| ${label} | ${run.status} | ${wall} | ${Math.round(rssKb / 1024)} | ${outcome} |`);
}
await root.remove();
