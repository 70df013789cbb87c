// --changed-since with multi-file descriptions: a changed fragment changes the findings of every root that
// $refs it, so those roots are linted too (the fragment itself is linted through them). Roots are looked for
// where the arguments point, else among the documents of the whole repository (what the folder argument would
// lint), within the shared root-scan bounds.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { filesReferencedBy, ROOT_SCAN_LIMITS, scannable } from '../node/root-scan';
import type { ChangeSelection } from './changed-files';
import { documentsInDirectory, expandFilePatterns } from './files';

function candidates(patterns: readonly string[], cwd: string, root: string): Promise<string[]> {
  return patterns.length > 0 ? expandFilePatterns(patterns, cwd) : documentsInDirectory(root, ROOT_SCAN_LIMITS.maxFiles);
}

/** Adds to the selection the roots (unchanged themselves) that $ref a changed file; returns them. */
export async function addRootsOfChangedFragments(selection: ChangeSelection, patterns: readonly string[], cwd: string): Promise<string[]> {
  const changed = new Set(selection.files);
  if (changed.size === 0) return [];
  const added: string[] = [];
  for (const file of await candidates(patterns, cwd, selection.root)) {
    if (changed.has(file) || !(await scannable(file))) continue;
    try {
      const referenced = await filesReferencedBy(file, await fs.readFile(file, 'utf8'), [selection.root]);
      if (!referenced.some((ref) => changed.has(ref))) continue;
      added.push(file);
      // Unchanged: it was at the same place at the base commit (--new-only lints that version).
      selection.oldPathOf.set(file, path.relative(selection.root, file).split(path.sep).join('/'));
    } catch {
      // unreadable: not a root we can lint
    }
  }
  selection.files.push(...added);
  return added;
}
