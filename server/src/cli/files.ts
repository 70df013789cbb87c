// Turns the file arguments into a list of absolute file paths. Globs are expanded here (quoted
// globs reach us unexpanded, and Windows shells never expand them) with a directory walk plus
// picomatch; node_modules and .git are never entered.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from './args';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/** What a directory argument means: every YAML/JSON document below it. */
const DIRECTORY_GLOB = '**/*.{yaml,yml,json}';

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

async function statOrUndefined(p: string) {
  try {
    return await fs.stat(p);
  } catch {
    return undefined;
  }
}

async function walk(dir: string, visit: (file: string) => void): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return; // an unreadable directory just contributes nothing
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(full, visit);
    } else if (entry.isFile() || (entry.isSymbolicLink() && (await statOrUndefined(full))?.isFile())) {
      // Symlinked files count; symlinked directories are not followed (no cycles).
      visit(full);
    }
  }
}

/** Files below `dir` whose path relative to `dir` matches `glob`. */
async function findInDirectory(dir: string, glob: string): Promise<string[]> {
  const isMatch = picomatch(glob);
  const matches: string[] = [];
  await walk(dir, (file) => {
    if (isMatch(toPosix(path.relative(dir, file)))) matches.push(file);
  });
  return matches;
}

/** Files whose path (relative to cwd, or absolute for an absolute glob) matches `glob`. */
async function expandGlob(glob: string, cwd: string): Promise<string[]> {
  const absolute = path.isAbsolute(glob);
  const pattern = toPosix(glob).replace(/^\.\//, '');
  // Walk only below the glob's literal prefix; dotfiles (.spectral.yaml, .github/) only match when named.
  const { base } = picomatch.scan(pattern);
  const isMatch = picomatch(pattern);
  const matches: string[] = [];
  await walk(path.resolve(cwd, base || '.'), (file) => {
    const candidate = absolute ? toPosix(file) : toPosix(path.relative(cwd, file));
    if (isMatch(candidate)) matches.push(file);
  });
  return matches;
}

/** Expands files, directories and globs (relative to cwd) into unique absolute paths, in argument order. */
export async function expandFilePatterns(patterns: readonly string[], cwd: string): Promise<string[]> {
  const seen = new Set<string>();
  const files: string[] = [];
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  for (const pattern of patterns) {
    const literal = path.resolve(cwd, pattern);
    const stat = await statOrUndefined(literal);
    if (stat?.isFile()) {
      add(literal);
      continue;
    }
    if (stat?.isDirectory()) {
      const found = await findInDirectory(literal, DIRECTORY_GLOB);
      if (found.length === 0) throw new UsageError(`no YAML or JSON files in directory ${pattern}`);
      found.forEach(add);
      continue;
    }
    if (!picomatch.scan(toPosix(pattern)).isGlob) throw new UsageError(`no such file: ${pattern}`);
    const found = await expandGlob(pattern, cwd);
    if (found.length === 0) throw new UsageError(`no files match ${pattern}`);
    found.forEach(add);
  }
  return files;
}

/** The nearest directory at or above `from` holding a .git entry, else undefined. Cached per directory. */
export function createRepoRootFinder(exists: (p: string) => boolean): (from: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  const find = (dir: string): string | undefined => {
    if (cache.has(dir)) return cache.get(dir);
    const parent = path.dirname(dir);
    const root = exists(path.join(dir, '.git')) ? dir : parent === dir ? undefined : find(parent);
    cache.set(dir, root);
    return root;
  };
  return find;
}
