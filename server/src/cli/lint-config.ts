// How the CLI's options become engine configuration: the --ruleset argument and the audience options.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AudienceConfig } from '../engine/types';
import { resolveRulesetReference } from '../engine/ruleset/discover';
import type { CliOptions } from './args';

/** --ruleset values that are not files: URLs and built-in names ("spectral:oas", "@stoplight/spectral-owasp-ruleset"). */
/** A file that exists wins over a name that looks the same; otherwise the engine's reading of the value. */
export function resolveRulesetArgument(value: string, cwd: string): string {
  const asFile = path.resolve(cwd, value);
  return existsSync(asFile) ? asFile : resolveRulesetReference(value, cwd);
}

export function audienceConfig(options: CliOptions, cwd: string): AudienceConfig {
  return {
    defaultAudience: options.audience,
    audienceByGlob: options.audienceGlobs.map(({ glob, audience }) => ({ glob, audience, origin: '--audience-glob', baseDir: cwd })),
  };
}

