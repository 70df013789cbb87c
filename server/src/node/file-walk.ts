// The one walk of a folder's files, for the CLI (folder and glob arguments, the roots of changed fragments) and
// the language server ("Lint workspace", the reverse $ref index), so they all see the same files in the same order:
//   - `node_modules` and `.git` are never entered (dot folders otherwise are: what matches is for the caller to say);
//   - a symlink to a regular file is a file; a symlink to a folder is not followed, so a link loop cannot trap the
//     walk and nothing outside the folder is listed through one;
//   - names are visited in UTF-16 code unit order, depth first, so results do not depend on the file system.
// Unreadable folders contribute nothing. No glob library: fast-glob and tinyglobby list files in the file system's
// order (sorting whole paths afterwards is not this per-folder order, which cli/merge.ts's compareWalkOrder relies
// on), and cannot be stopped between files; picomatch, already used, does the matching.
// Plain Node I/O: never used by the engine.
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';

/** Folders never walked: dependencies and git's own files. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** YAML and JSON files: what could be an OpenAPI document. */
export const DOCUMENT_FILE = /\.(ya?ml|json)$/i;

export function isDocumentFile(name: string): boolean {
  return DOCUMENT_FILE.test(name);
}

/** The walk's order of two names (or of two path segments): UTF-16 code units, as JavaScript compares strings. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface WalkOptions {
  /** Files whose name passes are listed (default: every file). */
  include?: (name: string) => boolean;
  /** Checked before each entry: the walk ends early once it returns true. */
  isCancelled?: () => boolean;
}

async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false; // a dangling link
  }
}

/** Absolute paths of the files below `directory`. */
export async function* walkFiles(directory: string, options: WalkOptions = {}): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => compareNames(a.name, b.name));
  for (const entry of entries) {
    if (options.isCancelled?.()) return;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* walkFiles(full, options);
    } else if (options.include && !options.include(entry.name)) {
      continue;
    } else if (entry.isFile() || (entry.isSymbolicLink() && (await isRegularFile(full)))) {
      yield full;
    }
  }
}
