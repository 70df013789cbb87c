// Built-in rulesets, addressable by name from a user's `extends` and from settings/CLI.
// They are bundled with the extension, so they work offline and in untrusted workspaces.
import { oas } from '@stoplight/spectral-rulesets';
import owasp from '@stoplight/spectral-owasp-ruleset';
import type { RulesetDefinition } from '@stoplight/spectral-core';
import { installedRulePack } from '../rules/installed';

export const DEFAULT_RULESET_NAME = 'api-exposure-lint:recommended';

/**
 * Name → definition. `spectral:oas` is handled by Spectral's own migrator; it is listed so that it can
 * be used directly as a ruleset name in settings and on the command line.
 */
const EXPOSURE = 'api-exposure-lint:exposure';

/** The exposure ruleset comes from the installed rule pack (the engine does not import rulesets/). */
function exposureRuleset(): RulesetDefinition {
  const pack = installedRulePack(EXPOSURE);
  if (!pack) throw new Error(`built-in rule pack ${EXPOSURE} is not installed`);
  return pack.ruleset;
}

const BUILTIN_RULESETS: Record<string, () => RulesetDefinition> = {
  [EXPOSURE]: exposureRuleset,
  [DEFAULT_RULESET_NAME]: () =>
    ({
      extends: [[oas as RulesetDefinition, 'recommended'], exposureRuleset()],
    }) as RulesetDefinition,
  'spectral:oas': () => ({ extends: [[oas as RulesetDefinition, 'recommended']] }) as RulesetDefinition,
  '@stoplight/spectral-owasp-ruleset': () => owasp as unknown as RulesetDefinition,
  'api-exposure-lint:owasp': () => owasp as unknown as RulesetDefinition,
};

export const BUILTIN_RULESET_NAMES = Object.keys(BUILTIN_RULESETS);

export function isBuiltinRulesetName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(BUILTIN_RULESETS, name);
}

export function getBuiltinRuleset(name: string): RulesetDefinition | undefined {
  return isBuiltinRulesetName(name) ? BUILTIN_RULESETS[name]() : undefined;
}

/**
 * Spectral's migrator turns `extends: some-name` into an import of `<ruleset dir>/some-name` when the
 * name is not an installed package, and into the package's resolved path when it is. Either way the
 * import id ends with the name, which is how the bundler plugin recognises built-in names.
 */
export function builtinNameForImport(id: string): string | undefined {
  for (const name of BUILTIN_RULESET_NAMES) {
    if (name.startsWith('spectral:')) continue;
    if (id === name || id.endsWith('/' + name) || id.includes('/node_modules/' + name + '/')) return name;
  }
  return undefined;
}
