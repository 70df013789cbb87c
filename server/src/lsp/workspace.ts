// Workspace folders and uri ↔ path mapping. Rulesets are discovered up to, globs are relative to,
// and $refs are confined to the document's workspace folder (multi-root: the longest match).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import type { WorkspaceFolder } from 'vscode-languageserver';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** Same file, whatever the client's percent-encoding: compare uris through their paths. */
export function normalizeUri(uri: string): string {
  const filePath = uriToPath(uri);
  return filePath ? pathToUri(filePath) : uri;
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export class WorkspaceFolders {
  private folders: string[] = [];

  set(folders: readonly WorkspaceFolder[] | null | undefined, rootUri?: string | null): void {
    const paths = (folders ?? []).map((folder) => uriToPath(folder.uri)).filter((p): p is string => !!p);
    if (paths.length === 0 && rootUri) {
      const root = uriToPath(rootUri);
      if (root) paths.push(root);
    }
    this.folders = paths;
  }

  change(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const removedPaths = new Set(removed.map((f) => uriToPath(f.uri)));
    this.folders = this.folders.filter((f) => !removedPaths.has(f));
    for (const folder of added) {
      const p = uriToPath(folder.uri);
      if (p && !this.folders.includes(p)) this.folders.push(p);
    }
  }

  all(): readonly string[] {
    return this.folders;
  }

  /** The folder containing the file; with nested folders, the most specific one. */
  folderOf(filePath: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders) {
      if (isInside(filePath, folder) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }
}

/** validateFiles: globs relative to the workspace folder; files outside any folder match by file name. */
export function matchesValidateFiles(filePath: string, folder: string | undefined, globs: string[]): boolean {
  if (globs.length === 0) return false;
  const candidate = folder ? path.relative(folder, filePath) : path.basename(filePath);
  const isMatch = picomatch(globs, { dot: true, windows: false });
  return isMatch(candidate.split(path.sep).join('/'));
}
