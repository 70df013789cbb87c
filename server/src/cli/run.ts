// The whole CLI run, with every outside dependency injected (streams, cwd, env, linter factory, clock)
// so tests can drive it in-process. Returns the exit code; never calls process.exit.
//
// Stages: choose the files (arguments, or what changed since a git ref) → lint → fix → keep what is
// new (--new-only, --baseline) → report → notes and exit code.
import path from 'node:path';
import { HELP_TEXT, parseArgs, type CliOptions } from './args';
import { dropBaselined, readBaseline, writeBaseline } from './baseline';
import { selectChangedFiles, type ChangeSelection } from './changed-files';
import { isConfigurationError, isUsageError, oneLine, PROGRAM } from './errors';
import { computeExitCode, EXIT_OK, EXIT_USAGE } from './exit-code';
import { expandFilePatterns } from './files';
import { FORMATTERS, formatSummary, type FileReport, type FormatOptions, type RuleMetadata } from './formatters';
import { relativePosix } from './formatters/paths';
import { createLintPlan, type LintedFile, type LinterLike, type LintPlan, type OutputStream } from './lint-file';
import { keepNewFindings } from './new-only';
import { writeFormatOutputs, writeReport } from './write-report';
import { lintWithProgress } from './lint-many';
import { selectShard } from './shard';
import { fixedNote, ruleFailureLines, untrustedNotes } from './notes';
import { dropRepeatedFindings, withoutCoveredFragments } from './referenced-files';
import { SUBCOMMANDS } from './subcommands';

export type { LinterLike, OutputStream } from './lint-file';

export interface RunEnvironment {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
  version: string;
  /** `files`: those the run will lint, when known (the CLI's workers are sized for the biggest). */
  createLinter: (files?: readonly string[]) => LinterLike;
  /**
   * Rule descriptions for SARIF (the built-in exposure rules); other rules are derived from findings. Asked for only
   * when a SARIF log is written or merged (the CLI reads them from the file the build wrote: builtin-rules-file.ts).
   */
  rules?: () => Promise<RuleMetadata[]>;
  now?: () => number;
  /** Lints in flight at once (the CLI: one per core, matching its worker threads). Default 1. */
  concurrency?: number;
}

function wantsSarif(options: CliOptions): boolean {
  return options.format === 'sarif' || options.outputs.some((output) => output.format === 'sarif');
}

function onlyErrors(files: FileReport[]): FileReport[] {
  return files.map((report) => ({ ...report, findings: report.findings.filter((f) => f.severity === 'error') }));
}

function colorFor(stream: OutputStream, env: RunEnvironment['env']): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

/**
 * Lints every file, several at a time (one per worker thread); results and notes in file order.
 * A fragment a linted root $refs is linted through that root, not reported as skipped.
 */
async function lintAll(files: string[], plan: LintPlan, noteSkipped: boolean, environment: RunEnvironment): Promise<LintedFile[]> {
  const kept = withoutCoveredFragments(await lintWithProgress(files, plan, environment));
  for (const { report } of kept) {
    if (report.skipped && noteSkipped)
      plan.stderr.write(`${PROGRAM}: skipped ${relativePosix(plan.cwd, report.file)}: ${report.skipped}\n`);
  }
  return kept;
}

/** Prints the report (and the summary where the report leaves no room for it); returns nothing. */
async function printReport(
  shown: FileReport[],
  diffs: string[],
  options: CliOptions,
  environment: RunEnvironment,
  formatOptions: FormatOptions,
) {
  const { cwd, stdout, stderr, env } = environment;
  const summary = () => formatSummary(shown, { ...formatOptions, color: colorFor(stderr, env) }) + '\n';
  if (options.fixDryRun) {
    // stdout is the patch (`git apply`-able); the report only goes to a file.
    stdout.write(diffs.join(''));
    if (options.output) await writeReport(path.resolve(cwd, options.output), FORMATTERS[options.format](shown, formatOptions));
    if (!options.quiet) stderr.write(summary());
    return;
  }
  const report = FORMATTERS[options.format](shown, formatOptions);
  if (options.output) {
    await writeReport(path.resolve(cwd, options.output), report);
    if (!options.quiet) stdout.write(formatSummary(shown, { ...formatOptions, color: colorFor(stdout, env) }) + '\n');
    return;
  }
  stdout.write(report);
  // Machine-readable reports own stdout; the human summary goes to stderr so pipes stay parseable.
  if (options.format !== 'stylish' && !options.quiet) stderr.write(summary());
}

function onlyRulesetErrors(report: FileReport): boolean {
  return report.findings.length > 0 && report.findings.every((f) => f.code === 'ruleset-error');
}

async function lintAndReport(options: CliOptions, environment: RunEnvironment, started: number): Promise<number> {
  const { cwd, stderr } = environment;
  const now = environment.now ?? Date.now;

  let selection: ChangeSelection | undefined;
  let files: string[];
  if (options.changedSince !== undefined) {
    selection = await selectChangedFiles(options.changedSince, options.patterns, cwd);
    // Loaded here: finding the roots parses documents with the engine, which a plain lint leaves to its workers.
    const { addRootsOfChangedFragments } = await import('./changed-roots');
    await addRootsOfChangedFragments(selection, options.patterns, cwd);
    files = selection.files;
  } else {
    files = await expandFilePatterns(options.patterns, cwd);
  }
  if (options.shard) files = selectShard(files, options.shard);
  // Baselines and outputs are read before linting: a typo costs no lint time.
  const baselineFile = options.baseline === undefined ? undefined : path.resolve(cwd, options.baseline);
  const baseline = baselineFile === undefined ? undefined : await readBaseline(baselineFile);

  const plan = createLintPlan(options, environment, files);
  let reports: FileReport[];
  // --fix-dry-run writes nothing: the findings its diff would fix are still in the files, and CI must see them.
  let unfixed: FileReport[] | undefined;
  let diffs: string[] = [];
  let writeFailures: string[] = [];
  try {
    // Files picked by --changed-since alone were not named by the user: no note for non-OpenAPI ones.
    const noteSkipped = !options.quiet && (selection === undefined || options.patterns.length > 0);
    let linted = await lintAll(files, plan, noteSkipped, environment);
    if (options.fixDryRun) unfixed = linted.map((l) => l.report);
    if (options.fix || options.fixDryRun) {
      // Loaded here: fixes are planned and applied by the engine in this thread.
      const { fixFiles } = await import('./fix-files');
      const outcome = await fixFiles(linted, plan, options.fix);
      linted = outcome.files;
      diffs = outcome.diffs;
      writeFailures = outcome.writeFailures;
      if (!options.quiet) for (const f of outcome.fixed) stderr.write(fixedNote(f.file, f.before, f.after, cwd, options.fixDryRun));
    }
    reports = dropRepeatedFindings(linted.map((l) => l.report));
    if (!options.quiet) untrustedNotes(reports).forEach((line) => stderr.write(line));
    if (options.newOnly && selection) reports = await keepNewFindings(reports, selection, plan);
    if (options.newOnly && selection && unfixed) unfixed = await keepNewFindings(unfixed, selection, plan);
  } finally {
    await plan.linter.dispose?.();
  }
  // A fixed file that could not be written is a failure of the run (exit 2), like a failed rule.
  const ruleFailures = [...writeFailures, ...ruleFailureLines(reports, cwd)];
  // Nothing could be linted because every file's ruleset failed: a configuration error, one line each, no report.
  if (reports.length > 0 && reports.every(onlyRulesetErrors)) {
    ruleFailures.forEach((line) => stderr.write(line));
    return EXIT_USAGE;
  }

  if (options.writeBaseline !== undefined) {
    const file = path.resolve(cwd, options.writeBaseline);
    const count = await writeBaseline(reports, file);
    if (!options.quiet)
      stderr.write(`${PROGRAM}: wrote ${count} finding${count === 1 ? '' : 's'} to baseline ${relativePosix(cwd, file)}\n`);
    ruleFailures.forEach((line) => stderr.write(line));
    return ruleFailures.length > 0 ? EXIT_USAGE : EXIT_OK;
  }
  if (baseline && baselineFile) reports = dropBaselined(reports, baseline, baselineFile);
  if (baseline && baselineFile && unfixed) unfixed = dropBaselined(unfixed, baseline, baselineFile);

  const shown = options.quiet ? onlyErrors(reports) : reports;
  const formatOptions: FormatOptions = {
    cwd,
    color: !options.output && colorFor(environment.stdout, environment.env),
    // A terminal gets lines that fit it; a pipe or a file gets full lines (greppable, one finding per line).
    width: !options.output && environment.stdout.isTTY && environment.stdout.columns ? environment.stdout.columns : undefined,
    elapsedMs: now() - started,
    toolVersion: environment.version,
    rules: wantsSarif(options) ? await environment.rules?.() : undefined,
    summary: !options.quiet,
  };
  await printReport(shown, diffs, options, environment, formatOptions);
  // --output <format>=<file>: the same results in more formats, written after the console report.
  await writeFormatOutputs(options.outputs, cwd, (format) => FORMATTERS[format](shown, { ...formatOptions, color: false }));

  // After every result is out: a failed rule function makes the results incomplete, which CI must not take as a pass.
  ruleFailures.forEach((line) => stderr.write(line));
  if (ruleFailures.length > 0) return EXIT_USAGE;
  // The gate uses every finding that is left: --quiet changes what is shown, not whether CI fails.
  const afterFixes = computeExitCode(reports, options.failSeverity);
  const inFiles = unfixed ? computeExitCode(unfixed, options.failSeverity) : EXIT_OK;
  if (inFiles > afterFixes && !options.quiet) {
    stderr.write(
      `${PROGRAM}: --fix-dry-run wrote nothing: the files still have the problems the diff would fix (exit ${inFiles}; apply the diff or run --fix)\n`,
    );
  }
  return Math.max(afterFixes, inFiles);
}

export async function run(environment: RunEnvironment): Promise<number> {
  const { stdout, stderr } = environment;
  const now = environment.now ?? Date.now;
  const started = now();
  let verbose = environment.argv.includes('--verbose');
  try {
    const loadSubcommand = SUBCOMMANDS[environment.argv[0]];
    if (loadSubcommand) return await (await loadSubcommand())(environment.argv.slice(1), environment);
    const options = parseArgs(environment.argv);
    verbose = options.verbose;
    if (options.help) {
      stdout.write(HELP_TEXT);
      return EXIT_OK;
    }
    if (options.version) {
      stdout.write(environment.version + '\n');
      return EXIT_OK;
    }
    return await lintAndReport(options, environment, started);
  } catch (error) {
    if (isUsageError(error) || isConfigurationError(error)) {
      stderr.write(`${PROGRAM}: ${error.message}\n`);
      if (verbose && isConfigurationError(error) && error.detail) stderr.write(error.detail + '\n');
      return EXIT_USAGE;
    }
    stderr.write(`${PROGRAM}: internal error: ${oneLine((error as Error)?.message ?? String(error))}\n`);
    if (verbose) stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT_USAGE;
  }
}
