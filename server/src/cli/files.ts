// Turns the file arguments into a list of absolute file paths. Globs are expanded here (quoted
// globs reach us unexpanded, and Windows shells never expand them) with the shared folder walk
// (node/file-walk.ts: node_modules and .git are never entered) plus picomatch.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { walkFiles } from '../node/file-walk';
import { UsageError } from './args';

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

/** Files below `dir` (in the shared walk's order) for which `matches` holds; at most `max`. */
async function filesBelow(dir: string, matches: (file: string) => boolean, max = Infinity): Promise<string[]> {
  const found: string[] = [];
  for await (const file of walkFiles(dir, { isCancelled: () => found.length >= max })) if (matches(file)) found.push(file);
  return found;
}

/** Files below `dir` whose path relative to `dir` matches `glob`. */
function findInDirectory(dir: string, glob: string, max?: number): Promise<string[]> {
  const isMatch = picomatch(glob);
  return filesBelow(dir, (file) => isMatch(toPosix(path.relative(dir, file))), max);
}

/** The documents a folder argument means (YAML and JSON files; dotfiles and dot folders only when named), at most `max`. */
export function documentsInDirectory(dir: string, max?: number): Promise<string[]> {
  return findInDirectory(dir, DIRECTORY_GLOB, max);
}

/** Files whose path (relative to cwd, or absolute for an absolute glob) matches `glob`. */
function expandGlob(glob: string, cwd: string): Promise<string[]> {
  const absolute = path.isAbsolute(glob);
  const pattern = toPosix(glob).replace(/^\.\//, '');
  // Walk only below the glob's literal prefix; dotfiles (.spectral.yaml, .github/) only match when named.
  const { base } = picomatch.scan(pattern);
  const isMatch = picomatch(pattern);
  return filesBelow(path.resolve(cwd, base || '.'), (file) => isMatch(absolute ? toPosix(file) : toPosix(path.relative(cwd, file))));
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
      const found = await documentsInDirectory(literal);
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
