// Finds the ruleset that applies to a file: the nearest .spectral.* walking up from the file's folder,
// stopping at the discovery root (workspace folder, repository root or cwd). Nearest wins, so a
// sub-folder can refine the repository's ruleset.
import * as nodePath from 'node:path';
import type { EngineFileSystem } from '../host';
import type { LintOptions } from '../lint-options';
import { isInside, isUrl } from '../paths';
import { DEFAULT_RULESET_NAME, isBuiltinRulesetName } from './builtin-ruleset-names';

type RulesetChoice = Pick<LintOptions, 'filePath' | 'rulesetFile' | 'discoveryRoot'>;

export const RULESET_FILE_NAMES = ['.spectral.yaml', '.spectral.yml', '.spectral.json', '.spectral.js', '.spectral.mjs', '.spectral.cjs'];

export async function findRulesetFile(
  filePath: string,
  discoveryRoot: string | undefined,
  fs: EngineFileSystem,
): Promise<string | undefined> {
  let dir = nodePath.dirname(filePath);
  // Without a root, walk to the top of the file system; a root the file is not under limits the walk to its own folder.
  const root = discoveryRoot === undefined ? nodePath.parse(dir).root : isInside(dir, discoveryRoot) ? discoveryRoot : dir;
  for (;;) {
    for (const name of RULESET_FILE_NAMES) {
      const candidate = nodePath.join(dir, name);
      if (await fs.exists(candidate)) return candidate;
    }
    if (dir === root || !isInside(dir, root)) return undefined;
    const parent = nodePath.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function isRulesetFileName(filePath: string): boolean {
  return RULESET_FILE_NAMES.includes(nodePath.basename(filePath));
}

/**
 * What a user typed as a ruleset (setting, --ruleset): a URL, a built-in or scheme-like name
 * (`api-exposure-lint:exposure`, `spectral:oas`), a scoped package name, or a path relative to `baseDir`.
 */
export function resolveRulesetReference(value: string, baseDir: string): string {
  if (/^https?:\/\//i.test(value) || /^[\w@.-]{2,}:/.test(value) || value.startsWith('@')) return value;
  return nodePath.resolve(baseDir, value);
}

/**
 * The options with their paths absolute (URLs and built-in names are left as they are): rulesets, $refs and globs
 * are resolved against absolute paths; callers may pass relative ones.
 */
export function absolutePaths<T extends RulesetChoice>(options: T): T {
  const abs = (p: string) => (isUrl(p) || isBuiltinRulesetName(p) ? p : nodePath.resolve(p));
  return {
    ...options,
    filePath: abs(options.filePath),
    ...(options.rulesetFile ? { rulesetFile: abs(options.rulesetFile) } : {}),
    ...(options.discoveryRoot ? { discoveryRoot: abs(options.discoveryRoot) } : {}),
  };
}

/** The ruleset a file lints with: the one asked for, else the nearest .spectral.* file, else the default. */
export async function rulesetFileFor(requested: RulesetChoice, fs: EngineFileSystem): Promise<string> {
  const options = absolutePaths(requested);
  if (options.rulesetFile) return options.rulesetFile;
  return (await findRulesetFile(options.filePath, options.discoveryRoot, fs)) ?? DEFAULT_RULESET_NAME;
}
