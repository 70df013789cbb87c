// The names of the built-in rulesets, apart from their definitions: choosing which ruleset a file lints with
// needs the names only, and the definitions pull in Spectral's rulesets (the CLI's main thread, which never
// lints, does not load them: docs/benchmarks.md).

export const DEFAULT_RULESET_NAME = 'api-exposure-lint:recommended';
export const EXPOSURE_RULESET_NAME = 'api-exposure-lint:exposure';

export const BUILTIN_RULESET_NAMES = [
  EXPOSURE_RULESET_NAME,
  DEFAULT_RULESET_NAME,
  'spectral:oas',
  '@stoplight/spectral-owasp-ruleset',
  'api-exposure-lint:owasp',
] as const;

export type BuiltinRulesetName = (typeof BUILTIN_RULESET_NAMES)[number];

export function isBuiltinRulesetName(name: string): name is BuiltinRulesetName {
  return (BUILTIN_RULESET_NAMES as readonly string[]).includes(name);
}
