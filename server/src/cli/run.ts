// The whole CLI run, with every outside dependency injected (streams, cwd, env, linter factory, clock)
// so tests can drive it in-process. Returns the exit code; never calls process.exit.
//
// Stages: choose the files (arguments, or what changed since a git ref) → lint → fix → keep what is
// new (--new-only, --baseline) → report → notes and exit code.
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { AudienceConfig } from '../engine/types';
import { HELP_TEXT, parseArgs, UsageError, type CliOptions } from './args';
import { dropBaselined, readBaseline, writeBaseline } from './baseline';
import { selectChangedFiles, type ChangeSelection } from './changed-files';
import { ConfigurationError, oneLine, PROGRAM } from './errors';
import { computeExitCode, EXIT_OK, EXIT_USAGE } from './exit-code';
import { createRepoRootFinder, expandFilePatterns } from './files';
import { fixFiles } from './fix-files';
import { FORMATTERS, formatSummary, type FileReport, type FormatOptions, type RuleMetadata } from './formatters';
import { relativePosix } from './formatters/paths';
import { lintFile, type LintedFile, type LinterLike, type LintPlan, type OutputStream } from './lint-file';
import { keepNewFindings } from './new-only';
import { fixedNote, ruleFailureLines, untrustedNotes } from './notes';
import { resolveRulesetReference } from '../engine/ruleset/discover';

export type { LinterLike, OutputStream } from './lint-file';

export interface RunEnvironment {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
  version: string;
  createLinter: () => LinterLike;
  /** Rule descriptions for SARIF (the built-in exposure rules); other rules are derived from findings. */
  rules?: RuleMetadata[];
  now?: () => number;
  /** Files linted at the same time (the linter must have as many workers). Default 1. */
  parallelLints?: number;
}

/** --ruleset values that are not files: URLs and built-in names ("spectral:oas", "@stoplight/spectral-owasp-ruleset"). */
/** A file that exists wins over a name that looks the same; otherwise the engine's reading of the value. */
function resolveRulesetArgument(value: string, cwd: string): string {
  const asFile = path.resolve(cwd, value);
  return existsSync(asFile) ? asFile : resolveRulesetReference(value, cwd);
}

function audienceConfig(options: CliOptions, cwd: string): AudienceConfig {
  return {
    defaultAudience: options.audience,
    audienceByGlob: options.audienceGlobs.map(({ glob, audience }) => ({ glob, audience, origin: '--audience-glob', baseDir: cwd })),
  };
}

function onlyErrors(files: FileReport[]): FileReport[] {
  return files.map((report) => ({ ...report, findings: report.findings.filter((f) => f.severity === 'error') }));
}

async function writeOutputFile(file: string, content: string): Promise<void> {
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  } catch (error) {
    throw new ConfigurationError(`cannot write output file ${file}: ${(error as Error).message}`);
  }
}

function colorFor(stream: OutputStream, env: RunEnvironment['env']): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

/** Lints every file, `parallel` at a time (one per core); results and notes keep the order of the files. */
async function lintAll(files: string[], plan: LintPlan, noteSkipped: boolean, parallel: number): Promise<LintedFile[]> {
  const linted: LintedFile[] = new Array(files.length);
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const index = next++;
      linted[index] = await lintFile(files[index], plan);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, files.length)) }, lane));
  files.forEach((file, i) => {
    if (linted[i].report.skipped && noteSkipped) plan.stderr.write(`${PROGRAM}: skipped ${relativePosix(plan.cwd, file)}: ${linted[i].report.skipped}\n`);
  });
  return linted;
}

/** Prints the report (and the summary where the report leaves no room for it); returns nothing. */
async function printReport(shown: FileReport[], diffs: string[], options: CliOptions, environment: RunEnvironment, formatOptions: FormatOptions) {
  const { cwd, stdout, stderr, env } = environment;
  const summary = () => formatSummary(shown, { ...formatOptions, color: colorFor(stderr, env) }) + '\n';
  if (options.fixDryRun) {
    // stdout is the patch (`git apply`-able); the report only goes to a file.
    stdout.write(diffs.join(''));
    if (options.output) await writeOutputFile(path.resolve(cwd, options.output), FORMATTERS[options.format](shown, formatOptions));
    if (!options.quiet) stderr.write(summary());
    return;
  }
  const report = FORMATTERS[options.format](shown, formatOptions);
  if (options.output) {
    await writeOutputFile(path.resolve(cwd, options.output), report);
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
    files = selection.files;
  } else {
    files = await expandFilePatterns(options.patterns, cwd);
  }
  // Baselines and outputs are read before linting: a typo costs no lint time.
  const baselineFile = options.baseline === undefined ? undefined : path.resolve(cwd, options.baseline);
  const baseline = baselineFile === undefined ? undefined : await readBaseline(baselineFile);

  const plan: LintPlan = {
    linter: environment.createLinter(),
    options,
    cwd,
    rulesetFile: options.ruleset === undefined ? undefined : resolveRulesetArgument(options.ruleset, cwd),
    audience: audienceConfig(options, cwd),
    rootOf: createRepoRootFinder(existsSync),
    stderr,
  };
  let reports: FileReport[];
  let diffs: string[] = [];
  try {
    // Files picked by --changed-since alone were not named by the user: no note for non-OpenAPI ones.
    const noteSkipped = !options.quiet && (selection === undefined || options.patterns.length > 0);
    let linted = await lintAll(files, plan, noteSkipped, environment.parallelLints ?? 1);
    if (options.fix || options.fixDryRun) {
      const outcome = await fixFiles(linted, plan, options.fix);
      linted = outcome.files;
      diffs = outcome.diffs;
      if (!options.quiet) for (const f of outcome.fixed) stderr.write(fixedNote(f.file, f.before, f.after, cwd, options.fixDryRun));
    }
    reports = linted.map((l) => l.report);
    if (!options.quiet) untrustedNotes(reports).forEach((line) => stderr.write(line));
    if (options.newOnly && selection) reports = await keepNewFindings(reports, selection, plan);
  } finally {
    await plan.linter.dispose?.();
  }
  const ruleFailures = ruleFailureLines(reports, cwd);
  // Nothing could be linted because every file's ruleset failed: a configuration error, one line each, no report.
  if (reports.length > 0 && reports.every(onlyRulesetErrors)) {
    ruleFailures.forEach((line) => stderr.write(line));
    return EXIT_USAGE;
  }

  if (options.writeBaseline !== undefined) {
    const file = path.resolve(cwd, options.writeBaseline);
    const count = await writeBaseline(reports, file);
    if (!options.quiet) stderr.write(`${PROGRAM}: wrote ${count} finding${count === 1 ? '' : 's'} to baseline ${relativePosix(cwd, file)}\n`);
    ruleFailures.forEach((line) => stderr.write(line));
    return ruleFailures.length > 0 ? EXIT_USAGE : EXIT_OK;
  }
  if (baseline && baselineFile) reports = dropBaselined(reports, baseline, baselineFile);

  const shown = options.quiet ? onlyErrors(reports) : reports;
  const formatOptions: FormatOptions = {
    cwd,
    color: !options.output && colorFor(environment.stdout, environment.env),
    elapsedMs: now() - started,
    toolVersion: environment.version,
    rules: environment.rules,
    summary: !options.quiet,
  };
  await printReport(shown, diffs, options, environment, formatOptions);

  // After every result is out: a failed rule function makes the results incomplete, which CI must not take as a pass.
  ruleFailures.forEach((line) => stderr.write(line));
  if (ruleFailures.length > 0) return EXIT_USAGE;
  // The gate uses every finding that is left: --quiet changes what is shown, not whether CI fails.
  return computeExitCode(reports, options.failSeverity);
}

export async function run(environment: RunEnvironment): Promise<number> {
  const { stdout, stderr } = environment;
  const now = environment.now ?? Date.now;
  const started = now();
  let verbose = environment.argv.includes('--verbose');
  try {
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
    if (error instanceof UsageError || error instanceof ConfigurationError) {
      stderr.write(`${PROGRAM}: ${error.message}\n`);
      if (verbose && error instanceof ConfigurationError && error.detail) stderr.write(error.detail + '\n');
      return EXIT_USAGE;
    }
    stderr.write(`${PROGRAM}: internal error: ${oneLine((error as Error)?.message ?? String(error))}\n`);
    if (verbose) stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT_USAGE;
  }
}
