// SARIF's descriptions of the built-in rules (tool.driver.rules). They come from the rule modules, which bring the
// engine with them: loaded only by a run that writes SARIF or merges SARIF logs (the main thread of a plain lint
// never loads the engine; scripts/build.mjs keeps it out of dist/cli.js).
import '../builtin-rules';
import { installedRules } from '../engine/rules/installed';
import type { RuleMetadata } from './formatters';

export function builtinRuleMetadata(): RuleMetadata[] {
  return installedRules().map((meta) => ({
    id: meta.code,
    description: meta.description,
    documentationUrl: meta.documentationUrl,
    severity: meta.severity,
  }));
}
