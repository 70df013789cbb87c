// --changed-since: which files to lint, and where each one was at the base commit (for --new-only).
// Changed means: committed between the merge base of <ref> and HEAD, plus staged, unstaged and
// untracked (not ignored) changes in the work tree. A renamed file is linted under its new name.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { expandFilePatterns } from './files';
import { changedFiles, mergeBase, repositoryRoot, resolveCommit } from './git';

/** With no file arguments: every changed YAML/JSON file, outside dot-folders and node_modules. */
const isDocument = picomatch('**/*.{yaml,yml,json}');
const isDependency = (rel: string) => rel.split('/').includes('node_modules');

export interface ChangeSelection {
  /** Absolute paths to lint, in a stable order. */
  files: string[];
  /** Repository root (git's top level). */
  root: string;
  /** The merge base of the ref and HEAD: the "before" of --new-only. */
  base: string;
  /** Absolute path now → path relative to the root at the base commit; absent for added files. */
  oldPathOf: Map<string, string>;
}

async function realpathOrSelf(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return file;
  }
}

export async function selectChangedFiles(ref: string, patterns: readonly string[], cwd: string): Promise<ChangeSelection> {
  const root = await repositoryRoot(cwd);
  const commit = await resolveCommit(ref, root);
  const base = await mergeBase(commit, ref, root);
  const changes = await changedFiles(base, root);

  const oldPathOf = new Map<string, string>();
  const changedByRealPath = new Map<string, string>();
  for (const change of changes) {
    const file = path.join(root, ...change.path.split('/'));
    if (change.oldPath) oldPathOf.set(file, change.oldPath);
    changedByRealPath.set(await realpathOrSelf(file), file);
  }

  let files: string[];
  if (patterns.length === 0) {
    files = changes.filter((c) => isDocument(c.path) && !isDependency(c.path)).map((c) => path.join(root, ...c.path.split('/')));
    files.sort();
  } else {
    // The arguments say where to look; the changes say what to lint there.
    files = [];
    for (const file of await expandFilePatterns(patterns, cwd)) {
      const changed = changedByRealPath.get(await realpathOrSelf(file));
      if (changed !== undefined) {
        files.push(file);
        const oldPath = oldPathOf.get(changed);
        if (oldPath !== undefined) oldPathOf.set(file, oldPath);
      }
    }
  }
  return { files, root, base, oldPathOf };
}
