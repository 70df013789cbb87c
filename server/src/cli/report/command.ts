// api-exposure-lint report [files or folders]: lints every document (one worker per core, as the lint
// command does) and writes the inventory: each operation's audience and origin, the status of each exposure
// requirement, and readiness scores per document and audience. --min-score turns it into a CI gate.
import { buildInventory, type Inventory } from '../../engine/exposure/inventory';
import { UsageError } from '../args';
import { lastValue } from '../command-args';
import { PROGRAM } from '../errors';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exit-code';
import { expandFilePatterns } from '../files';
import { relativePosix } from '../formatters/paths';
import { createLintPlan } from '../lint-file';
import { lintWithProgress } from '../lint-many';
import { ruleFailureLines } from '../notes';
import type { RunEnvironment } from '../run';
import { SHARED_HELP } from '../shared-options';
import { emitSubcommandReport, parseSubcommand } from '../subcommand';
import { REPORT_FORMATS, REPORT_FORMATTERS, type ReportFormatName } from '../../report';
import { headline } from '../../report/shared';

export const REPORT_HELP = `Usage: api-exposure-lint report [options] [files or folders...]

Inventory of every operation: its audience and where that came from, the status of each exposure
requirement, and a readiness score per document and audience (0-100; see docs/cli.md for the formula).
Default files: the current folder.

Options:
  -f, --format <format>             ${REPORT_FORMATS.join(', ')} (default: markdown); html is one self-contained page
  -o, --output <file>               Write the report to a file (the console gets a one-line summary), or
      --output <format>=<file>      also write that format to a file (repeatable)
      --min-score <0-100>           Exit 1 when the overall readiness score is below this
${SHARED_HELP}
Exit codes: 0 done (and the score is at least --min-score), 1 the score is below it, 2 usage or configuration error.
`;

export async function runReport(argv: readonly string[], environment: RunEnvironment): Promise<number> {
  const { cwd, stdout, stderr } = environment;
  const args = parseSubcommand(
    argv,
    { name: 'report', help: REPORT_HELP, formats: REPORT_FORMATS, defaultFormat: 'markdown' as ReportFormatName, values: ['min-score'] },
    stdout,
  );
  if (!args) return EXIT_OK;
  const minScoreText = lastValue(args.parsed, 'min-score');
  const minScore = minScoreText === undefined ? undefined : Number(minScoreText);
  if (minScore !== undefined && (!/^\s*\d+(\.\d+)?\s*$/.test(minScoreText!) || minScore > 100)) {
    throw new UsageError(`invalid value "${minScoreText}" for --min-score: expected a number from 0 to 100`);
  }
  const { options } = args;
  const files = await expandFilePatterns(options.patterns.length ? options.patterns : ['.'], cwd);

  const plan = createLintPlan(options, environment);
  let reports;
  try {
    reports = (await lintWithProgress(files, plan, environment, 'Reporting')).map((l) => l.report);
  } finally {
    await plan.linter.dispose?.();
  }
  const inventory: Inventory = buildInventory(
    reports
      .filter((r) => !r.skipped)
      .map((r) => ({ file: relativePosix(cwd, r.file), sourcePath: r.file, findings: r.findings, operations: r.operations ?? [] })),
  );
  const formatOptions = { toolVersion: environment.version };
  await emitSubcommandReport(
    args,
    environment,
    (format) => REPORT_FORMATTERS[format](inventory, formatOptions),
    () => headline(inventory) + '\n',
  );
  // A failed rule function leaves requirements unchecked: the scores would look better than they are.
  const failures = ruleFailureLines(reports, cwd);
  failures.forEach((line) => stderr.write(line));
  if (failures.length) return EXIT_USAGE;
  if (minScore !== undefined && (inventory.score ?? 100) < minScore) {
    stderr.write(`${PROGRAM}: report: overall readiness ${Math.round(inventory.score ?? 100)} is below --min-score ${minScore}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
