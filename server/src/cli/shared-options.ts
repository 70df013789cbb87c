// Options the sub-commands (diff, report) share with the lint command: ruleset, audiences, trust.
// They fill the same CliOptions the lint command uses, so lint plans and audience configs are built once.
import { AUDIENCES, type Audience } from '../engine/types';
import { defaultOptions, parseArgs, UsageError, type CliOptions } from './args';
import { lastValue, oneOfValues, type ParsedCommand } from './command-args';

export const SHARED_VALUES = ['ruleset', 'audience', 'audience-glob', 'allow-ref-root', 'timeout', 'max-document-size'] as const;
export const SHARED_REPEATABLE = ['audience-glob', 'allow-ref-root'] as const;
export const SHARED_FLAGS = ['trust-workspace-code', 'allow-remote', 'verbose', 'quiet', 'help'] as const;
export const SHARED_SHORT = { r: 'ruleset', q: 'quiet', h: 'help' } as const;
export const SHARED_ALIASES = { 'allow-remote-refs': 'allow-remote' } as const;

export const SHARED_HELP = `Ruleset, audiences and trust (as for linting):
  -r, --ruleset <file>              Ruleset (default: nearest .spectral.*, else the built-in ruleset)
      --audience <audience>         Default audience: ${AUDIENCES.join(', ')}
      --audience-glob <glob>=<aud>  Audience for files matching a glob relative to the current directory (repeatable)
      --trust-workspace-code        Allow JavaScript rulesets, custom functions and npm rulesets
      --allow-remote                Allow remote rulesets and $refs
      --allow-ref-root <dir>        Also let $refs read files under <dir> (repeatable)
      --verbose                     Print error details on stderr
`;

/** CliOptions from the shared options of a sub-command, validated by the lint command's own parser. */
export function sharedCliOptions(parsed: ParsedCommand, patterns: string[]): CliOptions {
  const argv: string[] = [];
  for (const name of SHARED_VALUES) for (const value of parsed.values.get(name) ?? []) argv.push(`--${name}`, value);
  for (const name of SHARED_FLAGS) if (parsed.flags.has(name) && name !== 'help') argv.push(`--${name}`);
  const options = argv.length > 0 ? parseArgs([...argv, '--', ...(patterns.length ? patterns : ['.'])]) : defaultOptions();
  options.patterns = patterns;
  const audience = lastValue(parsed, 'audience');
  if (audience !== undefined) options.audience = oneOfValues<Audience>('audience', audience, AUDIENCES);
  return options;
}

export function requireNoExtra(parsed: ParsedCommand, command: string, max: number): void {
  if (parsed.positionals.length > max) throw new UsageError(`${command}: unexpected argument ${parsed.positionals[max]}`);
}
