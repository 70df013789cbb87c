// api-exposure-lint merge <files...>: puts together the json or sarif outputs of `--shard I/N` jobs into
// the report one unsharded run would have written: results ordered by file the way the lint walks folders
// (name by name, at each level), each file's results in their own order; SARIF rules rebuilt (the tool's
// own rules first, then the others in order of first use) and every ruleIndex renumbered.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from './args';
import { lastValue, oneOfValues, parseCommandArgs } from './command-args';
import { ConfigurationError } from './errors';
import { EXIT_OK } from './exit-code';
import type { RunEnvironment } from './run';
import { writeReport } from './write-report';
import { compareNames } from '../node/file-walk';

export const MERGE_HELP = `Usage: api-exposure-lint merge [options] <files...>

Puts together the json or sarif outputs of "--shard I/N" jobs (all of one format) into one report,
the same as one run without --shard would have written.

Options:
  -f, --format json|sarif           Output format (default: the inputs' format)
  -o, --output <file>               Write the merged report to a file instead of stdout
`;

type JsonFinding = { file: string };
interface SarifRule {
  id: string;
}
interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
}
interface SarifNotification {
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
}
interface SarifLog {
  runs: {
    tool: { driver: { rules?: SarifRule[] } };
    invocations?: { toolExecutionNotifications?: SarifNotification[] }[];
    results?: SarifResult[];
  }[];
}

/** The order of the lint's folder walk (node/file-walk.ts): path segments compared one by one, by the walk's name order. */
export function compareWalkOrder(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    // A deeper path and a file of the same name: the walk compares the names alone.
    if (sa[i] !== sb[i]) return compareNames(sa[i], sb[i]);
  }
  return sa.length - sb.length;
}

const uriOf = (item: SarifResult | SarifNotification) => item.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
const byUri = <T extends SarifResult | SarifNotification>(items: T[]) =>
  items
    .map((item, i) => ({ item, i }))
    .sort((x, y) => compareWalkOrder(uriOf(x.item), uriOf(y.item)) || x.i - y.i)
    .map((x) => x.item);

export function mergeJson(inputs: JsonFinding[][]): JsonFinding[] {
  return inputs
    .flat()
    .map((item, i) => ({ item, i }))
    .sort((x, y) => compareWalkOrder(x.item.file, y.item.file) || x.i - y.i)
    .map((x) => x.item);
}

export function mergeSarif(inputs: SarifLog[], ownRules: readonly string[] = []): SarifLog {
  const [first] = inputs;
  const runs = inputs.map((log) => log.runs[0]);
  const results = byUri(runs.flatMap((run) => run.results ?? []));
  const notifications = byUri(runs.flatMap((run) => run.invocations?.[0]?.toolExecutionNotifications ?? []));
  const known = new Map<string, SarifRule>();
  for (const run of runs) for (const rule of run.tool.driver.rules ?? []) if (!known.has(rule.id)) known.set(rule.id, rule);
  const order = [...ownRules.filter((id) => known.has(id)), ...results.map((r) => r.ruleId), ...known.keys()];
  const rules = [...new Set(order)].map((id) => known.get(id) ?? { id });
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const run = first.runs[0];
  return {
    ...first,
    runs: [
      {
        ...run,
        tool: { ...run.tool, driver: { ...run.tool.driver, rules } },
        ...(run.invocations ? { invocations: [{ ...run.invocations[0], toolExecutionNotifications: notifications }] } : {}),
        results: results.map((r) => ({ ...r, ruleIndex: index.get(r.ruleId)! })),
      },
    ],
  };
}

async function readInput(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(`merge: cannot read ${file}: ${(error as Error).message}`);
  }
}

const isSarif = (value: unknown): value is SarifLog =>
  typeof value === 'object' && value !== null && Array.isArray((value as SarifLog).runs) && (value as SarifLog).runs.length === 1;

export async function runMerge(argv: readonly string[], environment: RunEnvironment): Promise<number> {
  const parsed = parseCommandArgs('merge', argv, {
    values: ['format', 'output'],
    flags: ['help'],
    short: { f: 'format', o: 'output', h: 'help' },
  });
  if (parsed.flags.has('help')) {
    environment.stdout.write(MERGE_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0)
    throw new UsageError('merge needs the json or sarif files of the shards (usage: api-exposure-lint merge <files...>)');
  const inputs = await Promise.all(parsed.positionals.map((file) => readInput(path.resolve(environment.cwd, file))));
  const kinds = inputs.map((input, i) => {
    if (Array.isArray(input)) return 'json';
    if (isSarif(input)) return 'sarif';
    throw new ConfigurationError(`merge: ${parsed.positionals[i]} is neither a json report (an array) nor a SARIF log with one run`);
  });
  if (new Set(kinds).size > 1) throw new UsageError('merge: the inputs mix json and sarif reports; merge each format on its own');
  const format = oneOfValues('format', lastValue(parsed, 'format') ?? kinds[0], ['json', 'sarif'] as const);
  if (format !== kinds[0]) throw new UsageError(`merge: the inputs are ${kinds[0]} reports, not ${format}`);
  const merged =
    format === 'json'
      ? mergeJson(inputs as JsonFinding[][])
      : mergeSarif(
          inputs as SarifLog[],
          ((await environment.rules?.()) ?? []).map((r) => r.id),
        );
  const text = JSON.stringify(merged, null, 2) + '\n';
  const output = lastValue(parsed, 'output');
  if (output) await writeReport(path.resolve(environment.cwd, output), text);
  else environment.stdout.write(text);
  return EXIT_OK;
}
