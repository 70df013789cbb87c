// Built-in rulesets, addressable by name from a user's `extends` and from settings/CLI.
// They are bundled with the extension, so they work offline and in untrusted workspaces.
import { oas } from '@stoplight/spectral-rulesets';
import owasp from '@stoplight/spectral-owasp-ruleset';
import type { RulesetDefinition } from '@stoplight/spectral-core';
import { installedRulePack } from '../rules/installed';
import { markKnownValid } from './known-valid';
import {
  BUILTIN_RULESET_NAMES,
  DEFAULT_RULESET_NAME,
  EXPOSURE_RULESET_NAME as EXPOSURE,
  isBuiltinRulesetName,
  type BuiltinRulesetName,
} from './builtin-ruleset-names';

export { BUILTIN_RULESET_NAMES, DEFAULT_RULESET_NAME, isBuiltinRulesetName };

/** The exposure ruleset comes from the installed rule pack (the engine does not import rulesets/). */
function exposureRuleset(): RulesetDefinition {
  const pack = installedRulePack(EXPOSURE);
  if (!pack) throw new Error(`built-in rule pack ${EXPOSURE} is not installed`);
  return pack.ruleset;
}

/**
 * Name → definition. `spectral:oas` is handled by Spectral's own migrator; it is listed so that it can
 * be used directly as a ruleset name in settings and on the command line.
 */
const BUILTIN_RULESETS: Record<BuiltinRulesetName, () => RulesetDefinition> = {
  [EXPOSURE]: exposureRuleset,
  [DEFAULT_RULESET_NAME]: () =>
    ({
      extends: [[oas as RulesetDefinition, 'recommended'], exposureRuleset()],
    }) as RulesetDefinition,
  'spectral:oas': () => ({ extends: [[oas as RulesetDefinition, 'recommended']] }) as RulesetDefinition,
  '@stoplight/spectral-owasp-ruleset': () => owasp as unknown as RulesetDefinition,
  'api-exposure-lint:owasp': () => owasp as unknown as RulesetDefinition,
};

export function getBuiltinRuleset(name: string): RulesetDefinition | undefined {
  return isBuiltinRulesetName(name) ? markKnownValid(BUILTIN_RULESETS[name]()) : undefined;
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
