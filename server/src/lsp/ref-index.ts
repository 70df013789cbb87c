// The workspace's reverse `$ref` index: which root documents use which files. Roots that are linted
// report their references (LintResult.references); roots that are not open are found by one bounded scan
// of the workspace folders, done the first time a file that is not a root is opened, and kept current
// from file events (created, changed, deleted, renamed) and workspace folder changes.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { looksLikeOpenApi } from '../engine/document';
import { hasExternalRefs, referencedFiles } from '../engine/ref-graph';

/** Bounds of the scan: a monorepo with thousands of YAML files must not stall the server. */
export const SCAN_LIMITS = { maxFiles: 5000, maxFileBytes: 2 * 1024 * 1024 };
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const CANDIDATE = /\.(ya?ml|json)$/i;

export interface RootScanOptions {
  /** Directories `$ref`s of a root may read (its workspace folder and allowedRefRoots). */
  allowedRootsFor(filePath: string): Promise<string[]>;
  /** The text of a file: the editor's when it is open, else the disk's. */
  readFile(filePath: string): Promise<string>;
}

export class RefIndex {
  /** Root → the files it references (transitively). */
  private readonly filesOf = new Map<string, Set<string>>();
  private scan: Promise<void> | undefined;

  /** Records what a root references now; returns the files it referenced before (to refresh them too). */
  set(root: string, files: readonly string[]): string[] {
    const before = [...(this.filesOf.get(root) ?? [])];
    if (files.length === 0) this.filesOf.delete(root);
    else this.filesOf.set(root, new Set(files));
    return before;
  }

  delete(root: string): string[] {
    return this.set(root, []);
  }

  isRoot(file: string): boolean {
    return this.filesOf.has(file);
  }

  /** Roots that use `file`, directly or through other files. */
  rootsOf(file: string): string[] {
    const roots: string[] = [];
    for (const [root, files] of this.filesOf) if (files.has(file)) roots.push(root);
    return roots.sort();
  }

  filesOfRoot(root: string): string[] {
    return [...(this.filesOf.get(root) ?? [])];
  }

  /** True once a scan started: file events must then keep the index current. */
  get scanning(): boolean {
    return this.scan !== undefined;
  }

  /** Forget the scan (workspace folders changed): the next ensureScanned walks again. */
  reset(): void {
    this.scan = undefined;
  }

  /** Scans the folders once for roots with `$ref`s to other files. */
  ensureScanned(folders: readonly string[], options: RootScanOptions): Promise<void> {
    this.scan ??= this.scanFolders(folders, options).catch(() => undefined);
    return this.scan;
  }

  /** A file was created or changed on disk (or its editor text changed): is it a root, and what does it reference? */
  async refresh(filePath: string, text: string | undefined, options: RootScanOptions): Promise<string[]> {
    if (text === undefined || !looksLikeOpenApi(text) || !hasExternalRefs(text)) return this.delete(filePath);
    const files = await referencedFiles({
      filePath,
      text,
      trust: { allowedRoots: await options.allowedRootsFor(filePath) },
      readFile: options.readFile,
      realPath: (p) => fs.realpath(p),
      fileInfo: (p) => fs.stat(p).then((stat) => ({ isFile: stat.isFile(), size: stat.size }), () => undefined),
    });
    return this.set(filePath, files);
  }

  private async scanFolders(folders: readonly string[], options: RootScanOptions): Promise<void> {
    let budget = SCAN_LIMITS.maxFiles;
    for (const folder of folders) {
      for await (const file of walk(folder)) {
        if (budget-- <= 0) return;
        if (this.filesOf.has(file)) continue;
        try {
          const stat = await fs.stat(file);
          if (stat.size > SCAN_LIMITS.maxFileBytes) continue;
          await this.refresh(file, await options.readFile(file), options);
        } catch {
          // unreadable: not a root we can know about
        }
      }
    }
  }
}

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
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* walk(full);
    } else if (entry.isFile() && CANDIDATE.test(entry.name)) {
      yield full;
    }
  }
}
