// --changed-since with multi-file descriptions: a changed fragment changes the findings of every root that
// $refs it, so those roots are linted too (the fragment itself is linted through them). Roots are looked for
// where the arguments point, else in the whole repository, within bounds.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { looksLikeOpenApi } from '../engine/document';
import { hasExternalRefs, referencedFiles } from '../engine/ref-graph';
import type { ChangeSelection } from './changed-files';
import { expandFilePatterns } from './files';

const MAX_CANDIDATES = 5000;
const MAX_CANDIDATE_BYTES = 2 * 1024 * 1024;
const CANDIDATE = /\.(ya?ml|json)$/i;

async function* walk(directory: string): AsyncGenerator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) yield* walk(full);
    } else if (entry.isFile() && CANDIDATE.test(entry.name)) yield full;
  }
}

async function candidates(patterns: readonly string[], cwd: string, root: string): Promise<string[]> {
  if (patterns.length > 0) return expandFilePatterns(patterns, cwd);
  const files: string[] = [];
  for await (const file of walk(root)) {
    files.push(file);
    if (files.length >= MAX_CANDIDATES) break;
  }
  return files;
}

/** Adds to the selection the roots (unchanged themselves) that $ref a changed file; returns them. */
export async function addRootsOfChangedFragments(selection: ChangeSelection, patterns: readonly string[], cwd: string): Promise<string[]> {
  const changed = new Set(selection.files);
  if (changed.size === 0) return [];
  const added: string[] = [];
  for (const file of await candidates(patterns, cwd, selection.root)) {
    if (changed.has(file)) continue;
    try {
      const stat = await fs.stat(file);
      if (stat.size > MAX_CANDIDATE_BYTES) continue;
      const text = await fs.readFile(file, 'utf8');
      if (!looksLikeOpenApi(text) || !hasExternalRefs(text)) continue;
      const referenced = await referencedFiles({
        filePath: file,
        text,
        trust: { allowedRoots: [selection.root] },
        readFile: (p) => fs.readFile(p, 'utf8'),
        realPath: (p) => fs.realpath(p),
        fileInfo: (p) => fs.stat(p).then((stat) => ({ isFile: stat.isFile(), size: stat.size }), () => undefined),
      });
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
