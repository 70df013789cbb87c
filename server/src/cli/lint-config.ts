// How the CLI's options become engine configuration: the --ruleset argument, and the lint profile every command
// (lint, report, diff) hands to the engine's shared request builder, the one the language server uses too.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LintProfile } from '../engine/lint-request';
import { resolveRulesetReference } from '../engine/ruleset/discover';
import type { CliOptions } from './args';

/** --ruleset values that are not files: URLs and built-in names ("spectral:oas", "@stoplight/spectral-owasp-ruleset"). */
/** A file that exists wins over a name that looks the same; otherwise the engine's reading of the value. */
export function resolveRulesetArgument(value: string, cwd: string): string {
  const asFile = path.resolve(cwd, value);
  return existsSync(asFile) ? asFile : resolveRulesetReference(value, cwd);
}

/** `rulesetFile`: the resolved --ruleset (the diff command's base side passes where it lies at the base). */
export function cliLintProfile(options: CliOptions, cwd: string, rulesetFile?: string): LintProfile {
  return {
    rulesetFile,
    audience: { defaultAudience: options.audience, globs: options.audienceGlobs, origin: '--audience-glob', baseDir: cwd },
    trustWorkspaceCode: options.trustWorkspaceCode,
    allowRemote: options.allowRemote,
    allowRefRoots: options.allowRefRoots,
    refRootsBase: cwd,
    // A ruleset that fails is a configuration error of the run (exit 2), not something to paper over.
    onRulesetError: 'throw',
    timeoutMs: options.timeoutMs,
    maxDocumentSize: options.maxDocumentSize,
  };
}

/** The --ruleset argument, resolved against the current folder (absent: discovery). */
export function rulesetOption(options: CliOptions, cwd: string): string | undefined {
  return options.ruleset === undefined ? undefined : resolveRulesetArgument(options.ruleset, cwd);
}
