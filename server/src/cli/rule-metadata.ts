// SARIF's descriptions of the built-in rules (tool.driver.rules). They come from the rule modules, which bring the
// engine with them: the build writes them to dist/builtin-rules.json from dist/cli-engine.js (scripts/build.mjs), and
// the CLI's main thread reads that file (builtin-rules-file.ts) rather than load the engine.
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
