// Command-line argument parsing. Hand-written (not util.parseArgs) so every mistake gets
// one plain-English message naming the offending option, which run.ts prints as exit code 2.
import { AUDIENCES, SEVERITIES, type Audience, type Severity } from '../engine/types';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

/** A mistake in how the CLI was called or configured: exit code 2, one line on stderr. */
export class UsageError extends Error {
  override name = 'UsageError';
}

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
  output?: string;
  failSeverity: Severity;
  quiet: boolean;
  trustWorkspaceCode: boolean;
  allowRemote: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
}

type ValueOption = 'ruleset' | 'audience' | 'audience-glob' | 'format' | 'output' | 'fail-severity';
type FlagOption = 'quiet' | 'trust-workspace-code' | 'allow-remote' | 'verbose' | 'version' | 'help';

const VALUE_OPTIONS: readonly ValueOption[] = ['ruleset', 'audience', 'audience-glob', 'format', 'output', 'fail-severity'];
const FLAG_OPTIONS: readonly FlagOption[] = ['quiet', 'trust-workspace-code', 'allow-remote', 'verbose', 'version', 'help'];
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
    format: 'stylish',
    failSeverity: 'error',
    quiet: false,
    trustWorkspaceCode: false,
    allowRemote: false,
    verbose: false,
    help: false,
    version: false,
  };
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value "${value}" for --${option}: expected one of ${allowed.join(', ')}`);
}

function parseAudienceGlob(value: string): CliAudienceGlob {
  // Split on the last "=": globs may contain "=" but audiences never do.
  const at = value.lastIndexOf('=');
  if (at <= 0 || at === value.length - 1) {
    throw new UsageError(`invalid value "${value}" for --audience-glob: expected <glob>=<audience>`);
  }
  return { glob: value.slice(0, at), audience: oneOf('audience-glob', value.slice(at + 1), AUDIENCES) };
}

function applyValue(options: CliOptions, name: ValueOption, value: string): void {
  if (value === '') throw new UsageError(`option --${name} needs a non-empty value`);
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
    case 'output':
      options.output = value;
      break;
    case 'fail-severity':
      options.failSeverity = oneOf(name, value, SEVERITIES);
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
  }
}

function resolveName(arg: string): { name: string; inlineValue?: string } {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    return eq === -1 ? { name: arg.slice(2) } : { name: arg.slice(2, eq), inlineValue: arg.slice(eq + 1) };
  }
  const alias = SHORT_ALIASES[arg.slice(1)];
  if (!alias) throw new UsageError(`unknown option ${arg} (see --help)`);
  return { name: alias };
}

/** Parses argv without the node and script entries (process.argv.slice(2)). Throws UsageError. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const options = defaultOptions();
  let onlyPatterns = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPatterns || arg === '-' || !arg.startsWith('-')) {
      options.patterns.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPatterns = true;
      continue;
    }
    const { name, inlineValue } = resolveName(arg);
    if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      let value = inlineValue;
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`option --${name} needs a value`);
        value = argv[++i];
      }
      applyValue(options, name as ValueOption, value);
    } else if ((FLAG_OPTIONS as readonly string[]).includes(name)) {
      if (inlineValue !== undefined) throw new UsageError(`option --${name} does not take a value`);
      applyFlag(options, name as FlagOption);
    } else {
      throw new UsageError(`unknown option --${name} (see --help)`);
    }
  }
  if (options.patterns.length === 0 && !options.help && !options.version) {
    throw new UsageError('no files given (usage: api-exposure-lint [options] <files or globs...>)');
  }
  return options;
}

export const HELP_TEXT = `Usage: api-exposure-lint [options] <files or globs...>

Lints OpenAPI 2.0/3.x documents with Spectral, aware of who each API is exposed to.

Options:
  -r, --ruleset <file>              Ruleset to use (default: nearest .spectral.{yaml,yml,json,js,mjs,cjs},
                                    else the built-in exposure ruleset)
      --audience <audience>         Default audience: ${AUDIENCES.join(', ')}
      --audience-glob <glob>=<aud>  Audience for files matching a glob relative to the current directory (repeatable)
  -f, --format <format>             ${FORMATS.join(', ')} (default: stylish)
  -o, --output <file>               Write the report to a file
      --fail-severity <severity>    Exit 1 when a result is at or above: ${SEVERITIES.join(', ')} (default: error)
  -q, --quiet                       Only report errors; no summary, no notes
      --trust-workspace-code        Allow JavaScript rulesets, custom functions and npm rulesets
      --allow-remote                Allow remote rulesets and $refs
      --verbose                     Print error details and stack traces on stderr
      --version                     Print the version
  -h, --help                        Print this help

Exit codes: 0 no results at or above the fail severity, 1 there are, 2 usage or configuration error.
`;
