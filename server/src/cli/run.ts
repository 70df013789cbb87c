// The whole CLI run, with every outside dependency injected (streams, cwd, env, linter factory, clock)
// so tests can drive it in-process. Returns the exit code; never calls process.exit.
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { LintOptions } from '../engine/lint-options';
import type { AudienceConfig, Finding, LintResult } from '../engine/types';
import { HELP_TEXT, parseArgs, UsageError, type CliOptions } from './args';
import { computeExitCode, EXIT_OK, EXIT_USAGE } from './exit-code';
import { createRepoRootFinder, expandFilePatterns } from './files';
import { FORMATTERS, formatSummary, type FileReport, type RuleMetadata } from './formatters';
import { relativePosix } from './formatters/paths';
import { readDocument } from './read-document';

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface LinterLike {
  lint(options: LintOptions): Promise<LintResult>;
  /** Stops worker threads once the run is over. */
  dispose?(): unknown;
}

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
}

const PROGRAM = 'api-exposure-lint';
const NOT_OPENAPI = 'not an OpenAPI or Swagger document';

/** A configuration problem found while linting: ends the run with exit code 2. */
class ConfigurationError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function isRulesetLoadError(error: unknown): error is Error & { rulesetFile: string; detail?: string } {
  // Matched by name, not instanceof, so the CLI does not depend on the engine's class identity.
  return error instanceof Error && error.name === 'RulesetLoadError';
}

function rulesetErrorMessage(rulesetFile: string | undefined, reason: string): string {
  const line = oneLine(reason);
  return rulesetFile && !line.includes(rulesetFile) ? `ruleset ${rulesetFile}: ${line}` : `ruleset: ${line}`;
}

/** --ruleset values that are not files: URLs and built-in names ("spectral:oas", "@stoplight/spectral-owasp-ruleset"). */
function resolveRulesetArgument(value: string, cwd: string): string {
  const asFile = path.resolve(cwd, value);
  if (existsSync(asFile)) return asFile;
  if (/^https?:\/\//i.test(value) || /^[\w@.-]{2,}:/.test(value) || value.startsWith('@')) return value;
  return asFile; // the engine reports "file not found" with the absolute path
}

function fileProblem(message: string): Finding {
  return { code: 'lint-error', message, severity: 'error', path: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

interface LintPlan {
  linter: LinterLike;
  options: CliOptions;
  cwd: string;
  rulesetFile?: string;
  audience: AudienceConfig;
  rootOf: (dir: string) => string | undefined;
  stderr: OutputStream;
}

async function lintFile(file: string, plan: LintPlan): Promise<FileReport> {
  const read = await readDocument(file);
  if (!read.ok) return { file, findings: [fileProblem(read.reason)] };
  const root = plan.rootOf(path.dirname(file)) ?? plan.cwd;
  // An explicitly chosen ruleset is a user decision, so its folder is readable even outside the repository.
  const allowedRoots = plan.rulesetFile && path.isAbsolute(plan.rulesetFile) ? [root, path.dirname(plan.rulesetFile)] : [root];
  let result: LintResult;
  try {
    result = await plan.linter.lint({
      filePath: file,
      text: read.text,
      rulesetFile: plan.rulesetFile,
      discoveryRoot: root,
      audience: plan.audience,
      trust: { trustWorkspaceCode: plan.options.trustWorkspaceCode, allowRemote: plan.options.allowRemote, allowedRoots },
      onRulesetError: 'throw',
    });
  } catch (error) {
    if (isRulesetLoadError(error)) throw new ConfigurationError(rulesetErrorMessage(error.rulesetFile, error.message), error.detail ?? error.stack);
    if (plan.options.verbose) plan.stderr.write(`${PROGRAM}: ${relativePosix(plan.cwd, file)}: ${(error as Error)?.stack ?? String(error)}\n`);
    return { file, findings: [fileProblem(`lint failed: ${oneLine((error as Error)?.message ?? String(error))}`)] };
  }
  if (result.rulesetError) throw new ConfigurationError(rulesetErrorMessage(result.ruleset, result.rulesetError));
  if (!result.isOpenApi) return { file, findings: [], skipped: NOT_OPENAPI };
  return { file, findings: result.findings };
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

export async function run(environment: RunEnvironment): Promise<number> {
  const { cwd, stdout, stderr } = environment;
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

    const files = await expandFilePatterns(options.patterns, cwd);
    const plan: LintPlan = {
      linter: environment.createLinter(),
      options,
      cwd,
      rulesetFile: options.ruleset === undefined ? undefined : resolveRulesetArgument(options.ruleset, cwd),
      audience: audienceConfig(options, cwd),
      rootOf: createRepoRootFinder(existsSync),
      stderr,
    };
    const reports: FileReport[] = [];
    // One file at a time: output order is stable and the engine's ruleset cache is warm after the first file.
    try {
      for (const file of files) {
        const report = await lintFile(file, plan);
        if (report.skipped && !options.quiet) stderr.write(`${PROGRAM}: skipped ${relativePosix(cwd, file)}: ${report.skipped}\n`);
        reports.push(report);
      }
    } finally {
      await plan.linter.dispose?.();
    }

    const shown = options.quiet ? onlyErrors(reports) : reports;
    const color = !options.output && stdout.isTTY === true && !environment.env.NO_COLOR;
    const formatOptions = { cwd, color, elapsedMs: now() - started, toolVersion: environment.version, rules: environment.rules, summary: !options.quiet };
    const report = FORMATTERS[options.format](shown, formatOptions);
    if (options.output) {
      await writeOutputFile(path.resolve(cwd, options.output), report);
      if (!options.quiet) stdout.write(formatSummary(shown, { ...formatOptions, color: stdout.isTTY === true && !environment.env.NO_COLOR }) + '\n');
    } else {
      stdout.write(report);
    }
    // The gate uses every finding: --quiet changes what is shown, not whether CI fails.
    return computeExitCode(reports, options.failSeverity);
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
