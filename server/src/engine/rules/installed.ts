// The built-in rule packs the engine runs with. The engine never imports rulesets/ (rule modules import
// the engine's rule API, server/src/engine/rules-api.ts, not the other way round): the composition root
// server/src/builtin-rules.ts installs them, and every entry point (server, CLI, lint worker, testing
// helper, dist/engine.js) imports that module first.
import type { AnyRuleModule, RulePack } from './rule-module';

const packs: RulePack[] = [];
const byCode = new Map<string, AnyRuleModule>();

export function installRulePack(pack: RulePack): void {
  if (packs.some((p) => p.name === pack.name)) return;
  packs.push(pack);
  for (const rule of pack.rules) byCode.set(rule.code, rule);
}

function requireInstalled(): void {
  if (packs.length === 0) {
    throw new Error('no built-in rule pack installed: the entry point must import server/src/builtin-rules.ts before linting');
  }
}

/** Every built-in rule module, in registry order. */
export function installedRules(): readonly AnyRuleModule[] {
  requireInstalled();
  return packs.flatMap((pack) => pack.rules);
}

export function installedRulePack(name: string): RulePack | undefined {
  requireInstalled();
  return packs.find((pack) => pack.name === name);
}

export function ruleModule(code: string): AnyRuleModule | undefined {
  requireInstalled();
  return byCode.get(code);
}
