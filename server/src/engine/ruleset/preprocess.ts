// Every YAML/JSON ruleset file in an extends chain passes through here before Spectral's migrator sees it.
// 1. Rulesets can assign audiences, which Spectral's ruleset schema does not allow, so they are taken out:
//   x-exposure: { defaultAudience: company-internal, audienceByGlob: { "apis/partner/**": external-partner } }
//   overrides: [{ files: ["apis/public/**"], x-audience: external-public }]
// Globs are relative to the directory of the ruleset file the linter was pointed at (the repository's
// .spectral.yaml), also when they come from a ruleset it extends, such as a team's shared package.
// Rules can be scoped to audiences, also rules of other rulesets (see ../audience-scopes.ts):
//   x-exposure: { rules: { operation-description: { audiences: [external], severity: { external-partner: warn } } } }
//   rules: { my-rule: { given: '#ExternalOperations', … } }   (the operations of external audiences)
// 2. In an untrusted workspace, the parts that would run workspace code are taken out, so the rest of the
// team's ruleset (built-in functions, severities, overrides) still applies: custom `functions`, rules
// that call them, and `extends` of JS files or npm packages.
import { parse } from 'yaml';
import * as builtinFunctions from '@stoplight/spectral-functions';
import {
  AUDIENCES,
  EXPOSURE_RULE_OPTION_KEYS,
  SEVERITIES,
  type Audience,
  type AudienceConfig,
  type AudienceGlob,
  type AudienceSelector,
  type RuleAudienceScope,
  type Severity,
} from '../types';
import { HTTP_METHODS } from '../openapi';
import { dirnameOf } from '../paths';

const isAudience = (value: unknown): value is Audience => typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);

export interface PreprocessedRuleset {
  /** The ruleset text Spectral should see (unchanged unless something was taken out). */
  text: string;
  config: AudienceConfig;
  /** What was not loaded because it is workspace code and the workspace is not trusted. */
  skipped: string[];
}

export function preprocessRuleset(file: string, text: string, trusted: boolean): PreprocessedRuleset {
  let data: unknown;
  try {
    data = parse(text, { merge: true, maxAliasCount: 1000 });
  } catch (error) {
    // Spectral's migrator would expand the aliases until memory or the time budget runs out.
    if (/alias/i.test(String((error as Error)?.message))) throw new Error(`${file}: too many YAML aliases (an alias bomb?)`);
    return { text, config: {}, skipped: [] }; // Spectral reports the syntax error itself, with a better message.
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { text, config: {}, skipped: [] };
  const ruleset = data as Record<string, unknown>;
  const skipped = trusted ? [] : removeWorkspaceCode(ruleset);
  const { config, changed } = extractAudiences(file, ruleset);
  // JSON is valid YAML, so one serialisation serves both parsers Spectral picks by extension.
  return { text: changed || skipped.length > 0 ? JSON.stringify(ruleset) : text, config, skipped };
}

function extractAudiences(file: string, ruleset: Record<string, unknown>): { config: AudienceConfig; changed: boolean } {
  const baseDir = dirnameOf(file);
  const config: AudienceConfig = {};
  const globs: AudienceGlob[] = [];
  let changed = false;

  const block = ruleset['x-exposure'];
  if (block !== undefined) {
    delete ruleset['x-exposure'];
    changed = true;
    if (typeof block === 'object' && block !== null) {
      const { defaultAudience, audienceByGlob, rules } = block as Record<string, unknown>;
      if (rules !== undefined) config.ruleScopes = parseRuleScopes(rules);
      for (const key of EXPOSURE_RULE_OPTION_KEYS) {
        const list = (block as Record<string, unknown>)[key];
        if (list === undefined) continue;
        if (!Array.isArray(list) || !list.every((item) => typeof item === 'string' && item !== '')) {
          throw new Error(`x-exposure.${key} must be a list of non-empty strings`);
        }
        config[key] = list as string[];
      }
      if (defaultAudience !== undefined) {
        if (!isAudience(defaultAudience))
          throw new Error(`x-exposure.defaultAudience "${String(defaultAudience)}" is not one of ${AUDIENCES.join(', ')}`);
        config.defaultAudience = defaultAudience;
      }
      if (typeof audienceByGlob === 'object' && audienceByGlob !== null) {
        for (const [glob, audience] of Object.entries(audienceByGlob)) {
          if (!isAudience(audience))
            throw new Error(`x-exposure.audienceByGlob["${glob}"] "${String(audience)}" is not one of ${AUDIENCES.join(', ')}`);
          globs.push({ glob, audience, origin: file, baseDir });
        }
      }
    }
  }

  if (Array.isArray(ruleset.overrides)) {
    const kept: unknown[] = [];
    for (const override of ruleset.overrides) {
      const entry = override as Record<string, unknown>;
      if (entry && typeof entry === 'object' && 'x-audience' in entry) {
        changed = true;
        const audience = entry['x-audience'];
        if (!isAudience(audience)) throw new Error(`overrides x-audience "${String(audience)}" is not one of ${AUDIENCES.join(', ')}`);
        for (const glob of Array.isArray(entry.files) ? entry.files : []) {
          if (typeof glob === 'string') globs.push({ glob, audience, origin: file, baseDir });
        }
        delete entry['x-audience'];
        if (!('rules' in entry) && !('extends' in entry)) continue; // nothing left for Spectral
      }
      kept.push(entry);
    }
    if (kept.length > 0) ruleset.overrides = kept;
    else delete ruleset.overrides;
  }

  if (globs.length > 0) config.audienceByGlob = globs;
  if (expandOperationAliases(ruleset, config)) changed = true;
  return { config, changed };
}

const SELECTORS: readonly string[] = [...AUDIENCES, 'external', 'internal'];
const isSelector = (value: unknown): value is AudienceSelector => typeof value === 'string' && SELECTORS.includes(value);

function parseSelectors(value: unknown, where: string): AudienceSelector[] {
  const list = Array.isArray(value) ? value : [value];
  for (const item of list) if (!isSelector(item)) throw new Error(`${where} "${String(item)}" is not one of ${SELECTORS.join(', ')}`);
  return list as AudienceSelector[];
}

/** `x-exposure.rules`: rule → `{ audiences, severity }`, or just the audiences (`external`, `[company-internal, …]`). */
function parseRuleScopes(value: unknown): Record<string, RuleAudienceScope> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('x-exposure.rules must map rule names to { audiences, severity }');
  const scopes: Record<string, RuleAudienceScope> = {};
  for (const [rule, entry] of Object.entries(value)) {
    const where = `x-exposure.rules["${rule}"]`;
    if (typeof entry === 'string' || Array.isArray(entry)) {
      scopes[rule] = { audiences: parseSelectors(entry, `${where}`) };
      continue;
    }
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where} must be { audiences, severity } or a list of audiences`);
    const { audiences, severity, ...unknown } = entry as Record<string, unknown>;
    const extra = Object.keys(unknown);
    if (extra.length > 0) throw new Error(`${where}: unknown key ${extra.join(', ')} (allowed: audiences, severity)`);
    const scope: RuleAudienceScope = {};
    if (audiences !== undefined) scope.audiences = parseSelectors(audiences, `${where}.audiences`);
    if (severity !== undefined) {
      if (typeof severity !== 'object' || severity === null || Array.isArray(severity))
        throw new Error(`${where}.severity must map audiences (or external / internal) to a severity`);
      scope.severity = {};
      for (const [selector, level] of Object.entries(severity)) {
        if (!isSelector(selector)) throw new Error(`${where}.severity key "${selector}" is not one of ${SELECTORS.join(', ')}`);
        if (typeof level !== 'string' || ![...SEVERITIES, 'off'].includes(level)) {
          throw new Error(`${where}.severity.${selector} "${String(level)}" is not one of ${[...SEVERITIES, 'off'].join(', ')}`);
        }
        scope.severity[selector] = level as Severity | 'off';
      }
    }
    scopes[rule] = scope;
  }
  return scopes;
}

/** `given` aliases for the operations of an audience group; a rule that uses one is scoped to that group. */
export const OPERATION_ALIASES: Readonly<Record<string, AudienceSelector>> = {
  '#ExternalOperations': 'external',
  '#InternalOperations': 'internal',
};
const ALL_OPERATIONS = `$.paths[*][${HTTP_METHODS.join(',')}]`;

/**
 * Rewrites `given: '#ExternalOperations…'` to the JSONPath of every operation (Spectral cannot select by
 * audience) and scopes the rule to that group, unless `x-exposure.rules` scopes it already.
 */
function expandOperationAliases(ruleset: Record<string, unknown>, config: AudienceConfig): boolean {
  const rules = ruleset.rules;
  if (!rules || typeof rules !== 'object') return false;
  // A ruleset's own `aliases` of the same name are its business.
  const own = ruleset.aliases && typeof ruleset.aliases === 'object' ? Object.keys(ruleset.aliases).map((a) => `#${a}`) : [];
  const aliases = Object.keys(OPERATION_ALIASES).filter((a) => !own.includes(a));
  let changed = false;
  for (const [name, rule] of Object.entries(rules as Record<string, unknown>)) {
    if (!rule || typeof rule !== 'object' || Array.isArray(rule)) continue;
    const definition = rule as Record<string, unknown>;
    const givens = Array.isArray(definition.given) ? definition.given : [definition.given];
    const groups = new Set<AudienceSelector>();
    const expanded = givens.map((given) => {
      if (typeof given !== 'string') return given;
      const alias = aliases.find((a) => given === a || given.startsWith(a + '.') || given.startsWith(a + '['));
      if (!alias) return given;
      groups.add(OPERATION_ALIASES[alias]);
      return ALL_OPERATIONS + given.slice(alias.length);
    });
    if (groups.size === 0) continue;
    changed = true;
    definition.given = Array.isArray(definition.given) ? expanded : expanded[0];
    config.ruleScopes ??= {};
    config.ruleScopes[name] ??= { audiences: [...groups] };
  }
  return changed;
}

const BUILTIN_FUNCTIONS = new Set(Object.keys(builtinFunctions));
// Matches nothing, so a rule whose function was removed stays defined (overrides may name it) but is inert.
const INERT_GIVEN = '$["x-api-exposure-lint-untrusted-code-skipped"]';

function isDataExtend(name: string): boolean {
  return (
    name.startsWith('spectral:') ||
    name.startsWith('api-exposure-lint:') ||
    name === '@stoplight/spectral-owasp-ruleset' ||
    /\.(ya?ml|json)$/i.test(name)
  );
}

function removeWorkspaceCode(ruleset: Record<string, unknown>): string[] {
  const skipped: string[] = [];
  if (Array.isArray(ruleset.functions) && ruleset.functions.length > 0) {
    skipped.push(`custom functions ${ruleset.functions.join(', ')}`);
    delete ruleset.functions;
  }
  delete ruleset.functionsDir;

  const filterExtends = (value: unknown): unknown => {
    const list = Array.isArray(value) ? value : [value];
    const kept = list.filter((entry) => {
      const name = Array.isArray(entry) ? entry[0] : entry;
      if (typeof name !== 'string' || isDataExtend(name)) return true;
      skipped.push(`extended ruleset ${name}`);
      return false;
    });
    return kept;
  };
  if (ruleset.extends !== undefined) ruleset.extends = filterExtends(ruleset.extends);
  if (Array.isArray(ruleset.overrides)) {
    for (const o of ruleset.overrides as Record<string, unknown>[]) if (o && o.extends !== undefined) o.extends = filterExtends(o.extends);
  }

  const rules = ruleset.rules;
  if (rules && typeof rules === 'object') {
    for (const [name, rule] of Object.entries(rules as Record<string, unknown>)) {
      if (!rule || typeof rule !== 'object') continue;
      const definition = rule as Record<string, unknown>;
      const thens = Array.isArray(definition.then) ? definition.then : [definition.then];
      const custom = thens.some(
        (t) =>
          t &&
          typeof t === 'object' &&
          typeof (t as { function?: unknown }).function === 'string' &&
          !BUILTIN_FUNCTIONS.has((t as { function: string }).function),
      );
      if (custom) {
        skipped.push(`rule ${name}`);
        definition.given = INERT_GIVEN;
        definition.then = { function: 'undefined' };
      }
    }
  }
  return skipped;
}

/** Earlier configs win: the ruleset a file names comes before the rulesets it extends. */
export function mergeAudienceConfigs(configs: AudienceConfig[]): AudienceConfig {
  const merged: AudienceConfig = {};
  const globs: AudienceGlob[] = [];
  for (const c of configs) {
    if (merged.defaultAudience === undefined && c.defaultAudience !== undefined) merged.defaultAudience = c.defaultAudience;
    globs.push(...(c.audienceByGlob ?? []));
    // Per rule, the nearest ruleset's scope wins (a repository can re-scope its team package's rule).
    if (c.ruleScopes) merged.ruleScopes = { ...c.ruleScopes, ...(merged.ruleScopes ?? {}) };
    for (const key of EXPOSURE_RULE_OPTION_KEYS) if (c[key]) merged[key] = [...(merged[key] ?? []), ...c[key]];
  }
  if (globs.length > 0) merged.audienceByGlob = globs;
  return merged;
}
