// Command-line argument parsing. Hand-written (not util.parseArgs) so every mistake gets
// one plain-English message naming the offending option, which run.ts prints as exit code 2.
import { AUDIENCES, SEVERITIES, type Audience, type Severity } from '../engine/types';
import { oneOfValues as oneOf, scanArgs, type CommandSpec } from './command-args';
import { UsageError } from './errors';
import { parseOutputSpec } from './output-spec';
import { parseShard, type Shard } from './shard';

export { UsageError };

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface CliAudienceGlob {
  glob: string;
  audience: Audience;
}

export interface CliOptions {
  /** Files, directories or globs, as typed. */
  patterns: string[];
  ruleset?: string;
  audience?: Audience;
  audienceGlobs: CliAudienceGlob[];
  format: FormatName;
  /** A plain -o <file>: the --format report goes there, the console gets the summary. */
  output?: string;
  /** --output <format>=<file> (repeatable): more reports from the same run; the console is unchanged. */
  outputs: { format: FormatName; file: string }[];
  /** --shard I/N: lint only this job's share of the files. */
  shard?: Shard;
  failSeverity: Severity;
  quiet: boolean;
  trustWorkspaceCode: boolean;
  allowRemote: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
  /** Apply every safe fix in place, then report what remains. */
  fix: boolean;
  /** Print the fixes as a unified diff; write nothing. */
  fixDryRun: boolean;
  /** Lint only files changed since this git ref (committed since the merge base, plus working-tree changes). */
  changedSince?: string;
  /** With changedSince: report only findings that the ref's version of the file does not have. */
  newOnly: boolean;
  /** Drop findings recorded in this baseline file. */
  baseline?: string;
  /** Record every current finding in this baseline file, then exit 0. */
  writeBaseline?: string;
  /** Time budget of one document's lint, in milliseconds. */
  timeoutMs?: number;
  /** Documents larger than this many characters are reported, not linted. */
  maxDocumentSize?: number;
  /** Folders beyond the repository root that $refs may read (the allowlist), as typed. */
  allowRefRoots: string[];
}

type ValueOption =
  | 'ruleset'
  | 'audience'
  | 'audience-glob'
  | 'format'
  | 'output'
  | 'fail-severity'
  | 'changed-since'
  | 'baseline'
  | 'write-baseline'
  | 'timeout'
  | 'max-document-size'
  | 'allow-ref-root'
  | 'shard';
type FlagOption = 'quiet' | 'trust-workspace-code' | 'allow-remote' | 'verbose' | 'version' | 'help' | 'fix' | 'fix-dry-run' | 'new-only';

const VALUE_OPTIONS: readonly ValueOption[] = [
  'ruleset',
  'audience',
  'audience-glob',
  'format',
  'output',
  'fail-severity',
  'changed-since',
  'baseline',
  'write-baseline',
  'timeout',
  'max-document-size',
  'allow-ref-root',
  'shard',
];
const FLAG_OPTIONS: readonly FlagOption[] = [
  'quiet',
  'trust-workspace-code',
  'allow-remote',
  'verbose',
  'version',
  'help',
  'fix',
  'fix-dry-run',
  'new-only',
];
/** Long spellings accepted for the same option. */
const LONG_ALIASES: Record<string, ValueOption | FlagOption> = {
  'allow-remote-refs': 'allow-remote',
};
/** One megabyte for --max-document-size, the same decimal unit as the engine's "50 MB" default. */
const MEGABYTE = 1_000_000;
const SHORT_ALIASES: Record<string, ValueOption | FlagOption> = {
  r: 'ruleset',
  f: 'format',
  o: 'output',
  q: 'quiet',
  h: 'help',
};

export function defaultOptions(): CliOptions {
  return {
    patterns: [],
    audienceGlobs: [],
    outputs: [],
    format: 'stylish',
    failSeverity: 'error',
    quiet: false,
    trustWorkspaceCode: false,
    allowRemote: false,
    verbose: false,
    help: false,
    version: false,
    fix: false,
    fixDryRun: false,
    newOnly: false,
    allowRefRoots: [],
  };
}

function parseAudienceGlob(value: string): CliAudienceGlob {
  // Split on the last "=": globs may contain "=" but audiences never do.
  const at = value.lastIndexOf('=');
  if (at <= 0 || at === value.length - 1) {
    throw new UsageError(`invalid value "${value}" for --audience-glob: expected <glob>=<audience>`);
  }
  return { glob: value.slice(0, at), audience: oneOf('audience-glob', value.slice(at + 1), AUDIENCES) };
}

function positiveNumber(option: string, value: string, unit: string): number {
  const n = Number(value);
  if (!/^\s*[\d.]+\s*$/.test(value) || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`invalid value "${value}" for --${option}: expected a positive number of ${unit}`);
  }
  return n;
}

function applyValue(options: CliOptions, name: ValueOption, value: string): void {
  switch (name) {
    case 'ruleset':
      options.ruleset = value;
      break;
    case 'audience':
      options.audience = oneOf(name, value, AUDIENCES);
      break;
    case 'audience-glob':
      options.audienceGlobs.push(parseAudienceGlob(value));
      break;
    case 'format':
      options.format = oneOf(name, value, FORMATS);
      break;
    case 'output': {
      const spec = parseOutputSpec(value, FORMATS);
      if (spec.format) options.outputs.push({ format: spec.format as FormatName, file: spec.file });
      else options.output = value;
      break;
    }
    case 'shard':
      options.shard = parseShard(value);
      break;
    case 'fail-severity':
      options.failSeverity = oneOf(name, value, SEVERITIES);
      break;
    case 'changed-since':
      // A value starting with "-" would reach git as an option.
      if (value.startsWith('-')) throw new UsageError(`invalid value "${value}" for --changed-since: expected a git ref`);
      options.changedSince = value;
      break;
    case 'baseline':
      options.baseline = value;
      break;
    case 'write-baseline':
      options.writeBaseline = value;
      break;
    case 'timeout':
      options.timeoutMs = Math.round(positiveNumber(name, value, 'seconds') * 1000);
      break;
    case 'max-document-size':
      options.maxDocumentSize = Math.round(positiveNumber(name, value, 'megabytes') * MEGABYTE);
      break;
    case 'allow-ref-root':
      options.allowRefRoots.push(value);
      break;
  }
}

function applyFlag(options: CliOptions, name: FlagOption): void {
  switch (name) {
    case 'quiet':
      options.quiet = true;
      break;
    case 'trust-workspace-code':
      options.trustWorkspaceCode = true;
      break;
    case 'allow-remote':
      options.allowRemote = true;
      break;
    case 'verbose':
      options.verbose = true;
      break;
    case 'version':
      options.version = true;
      break;
    case 'help':
      options.help = true;
      break;
    case 'fix':
      options.fix = true;
      break;
    case 'fix-dry-run':
      options.fixDryRun = true;
      break;
    case 'new-only':
      options.newOnly = true;
      break;
  }
}

const LINT_COMMAND: CommandSpec = { values: VALUE_OPTIONS, flags: FLAG_OPTIONS, short: SHORT_ALIASES, aliases: LONG_ALIASES };

/** Parses argv without the node and script entries (process.argv.slice(2)). Throws UsageError. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const options = defaultOptions();
  scanArgs(argv, LINT_COMMAND, {
    positional: (arg) => options.patterns.push(arg),
    value: (name, value) => applyValue(options, name as ValueOption, value),
    flag: (name) => applyFlag(options, name as FlagOption),
  });
  if (!options.help && !options.version) checkCombinations(options);
  return options;
}

/** Options that only make sense together, or not at all together. */
function checkCombinations(options: CliOptions): void {
  // With --changed-since, no file arguments means "every changed file in the repository".
  if (options.patterns.length === 0 && options.changedSince === undefined) {
    throw new UsageError('no files given (usage: api-exposure-lint [options] <files or globs...>)');
  }
  if (options.newOnly && options.changedSince === undefined) throw new UsageError('--new-only needs --changed-since <git-ref>');
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be combined');
  if (options.writeBaseline !== undefined && options.baseline !== undefined) {
    throw new UsageError('--write-baseline records every current finding: do not combine it with --baseline');
  }
  if (options.writeBaseline !== undefined && options.newOnly) throw new UsageError('--write-baseline cannot be combined with --new-only');
  if (options.writeBaseline !== undefined && options.fixDryRun)
    throw new UsageError('--write-baseline cannot be combined with --fix-dry-run');
}

export const HELP_TEXT = `Usage: api-exposure-lint [options] <files, folders or globs...>

Lints OpenAPI 2.0/3.x documents with Spectral, aware of who each API is exposed to.
A folder is searched for OpenAPI documents (*.yaml, *.yml, *.json); files that are not OpenAPI are skipped.

Options:
  -r, --ruleset <file>              Ruleset file or built-in name (default: the nearest
                                    .spectral.{yaml,yml,json,js,mjs,cjs} walking up from each file to the
                                    repository root, else api-exposure-lint:recommended)
      --audience <audience>         Default audience: ${AUDIENCES.join(', ')}
      --audience-glob <glob>=<aud>  Audience for files matching a glob relative to the current directory (repeatable)
  -f, --format <format>             ${FORMATS.join(', ')} (default: stylish)
  -o, --output <file>               Write the report to a file (the console gets the summary)
      --output <format>=<file>      Also write that format to a file, e.g. sarif=results.sarif (repeatable)
      --fail-severity <severity>    Exit 1 when a result is at or above: ${SEVERITIES.join(', ')} (default: error)
  -q, --quiet                       Only report errors; no summary, no notes

Fixing:
      --fix                         Apply every safe fix in place, then report what remains
      --fix-dry-run                 Print the fixes as a unified diff on stdout; write nothing

Pull requests:
      --changed-since <git-ref>     Lint only files changed since the merge base with <git-ref> (committed,
                                    staged, unstaged and untracked); no file arguments = the whole repository
      --new-only                    With --changed-since: report only findings the ref's version does not have
                                    (matched by rule, file and JSON path, so moved blocks and renames are not new)
      --baseline <file>             Drop the findings recorded in this baseline file
      --write-baseline <file>       Record every current finding in this baseline file, then exit 0

Many APIs:
      --shard <I>/<N>               Lint only every N-th file starting at the I-th (CI matrix jobs); put the
                                    jobs' json or sarif outputs together with: api-exposure-lint merge

Other commands (api-exposure-lint <command> --help):
  diff --base <git-ref> [files]     What the working tree changes in who can reach what (exposure review)
  report [files]                    Inventory of every operation by audience, with readiness scores
  merge <files...>                  Put together the json or sarif outputs of --shard jobs

Limits and trust:
      --timeout <seconds>           Time budget of one document, per 3 MB of it (default 30)
      --max-document-size <MB>      Larger documents are reported, not linted (default 50)
      --trust-workspace-code        Allow JavaScript rulesets, custom functions and npm rulesets
      --allow-remote                Allow remote rulesets and $refs (alias: --allow-remote-refs)
      --allow-ref-root <dir>        Also let $refs read files under <dir> (repeatable; default: the repository only)
      --verbose                     Print error details and stack traces on stderr
      --version                     Print the version
  -h, --help                        Print this help

Exit codes: 0 no results at or above the fail severity, 1 there are, 2 usage or configuration error,
or a ruleset function failed or ran out of time (the other results are still printed).
`;
