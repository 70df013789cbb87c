// SARIF's descriptions of the built-in rules (tool.driver.rules), as the build wrote them from the rule modules
// (scripts/build.mjs, dist/builtin-rules.json): a run that writes or merges SARIF, a pull request's usual review, reads
// them instead of loading the engine's bundle in its main thread for a list of names and descriptions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RuleMetadata } from './formatters';

export const BUILTIN_RULES_FILE = 'builtin-rules.json';

/** The descriptions written next to the bundle in `distDir`. */
export function readBuiltinRuleMetadata(distDir: string): RuleMetadata[] {
  return JSON.parse(readFileSync(path.join(distDir, BUILTIN_RULES_FILE), 'utf8')) as RuleMetadata[];
}
