// Which documents are roots of multi-file descriptions ($ref other files), and which files they reach, read from
// disk with the same bounds for the CLI (--changed-since: the roots of changed fragments) and the language server
// (the reverse $ref index): a monorepo with thousands of YAML files must stall neither.
// Plain Node I/O: never used by the engine.
import { promises as fs } from 'node:fs';
import { looksLikeOpenApi } from '../engine/document-kind';
import { hasExternalRefs } from '../engine/ref-text';
import { createNodeFileSystem } from './file-system';

/** Files looked at by one scan, and the largest one read (bigger ones are generated or data, not roots). */
export const ROOT_SCAN_LIMITS = { maxFiles: 5000, maxFileBytes: 2 * 1024 * 1024 };

const disk = createNodeFileSystem();
const readFromDisk = disk.readFile;

/** False for a file too large to be scanned (or that cannot be read). */
export async function scannable(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).size <= ROOT_SCAN_LIMITS.maxFileBytes;
  } catch {
    return false;
  }
}

/** Cheap test on text: an OpenAPI document that may `$ref` other files. */
export function mayBeRoot(text: string): boolean {
  return looksLikeOpenApi(text) && hasExternalRefs(text);
}

/**
 * The files a document reaches through `$ref`s (transitively), none when it is not an OpenAPI root that `$ref`s
 * other files. `readFile`: the text of a referenced file (an editor's open text; default the disk's).
 */
export async function filesReferencedBy(
  filePath: string,
  text: string,
  allowedRoots: string[],
  readFile = readFromDisk,
): Promise<string[]> {
  if (!mayBeRoot(text)) return [];
  // Loaded for the first root met: it parses with Spectral's Document, which a workspace of single-file
  // descriptions never needs in the language server's own thread.
  const { referencedFiles } = await import('../engine/ref-graph');
  return referencedFiles({
    filePath,
    text,
    trust: { allowedRoots },
    readFile,
    realPath: disk.realPath,
    fileInfo: disk.fileInfo,
  });
}
