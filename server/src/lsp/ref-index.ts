// The workspace's reverse `$ref` index: which root documents use which files. Roots that are linted
// report their references (LintResult.references); roots that are not open are found by one bounded scan
// of the workspace folders, done the first time a file that is not a root is opened, and kept current
// from file events (created, changed, deleted, renamed) and workspace folder changes.
import { isDocumentFile, walkFiles } from '../node/file-walk';
import { filesReferencedBy, mayBeRoot, ROOT_SCAN_LIMITS, scannable } from '../node/root-scan';

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
    if (text === undefined || !mayBeRoot(text)) return this.delete(filePath);
    return this.set(filePath, await filesReferencedBy(filePath, text, await options.allowedRootsFor(filePath), options.readFile));
  }

  private async scanFolders(folders: readonly string[], options: RootScanOptions): Promise<void> {
    let budget = ROOT_SCAN_LIMITS.maxFiles;
    for (const folder of folders) {
      for await (const file of walkFiles(folder, { include: isDocumentFile })) {
        if (budget-- <= 0) return;
        if (this.filesOf.has(file) || !(await scannable(file))) continue;
        try {
          await this.refresh(file, await options.readFile(file), options);
        } catch {
          // unreadable: not a root we can know about
        }
      }
    }
  }
}
