// Reads a file to lint. Unreadable and binary files are not fatal: the caller reports them as a
// finding on that file and carries on with the others.
import { readFile } from 'node:fs/promises';
import { readWithSnapshot, type FileSnapshot } from '../node/safe-write';

/**
 * `bom`: the file started with a UTF-8 byte order mark, which `text` leaves out (--fix writes it back).
 * `snapshot`: what the file looked like when read, when asked for; --fix refuses to write it if it changed since.
 */
export type ReadOutcome = { ok: true; text: string; bom: boolean; snapshot?: FileSnapshot } | { ok: false; reason: string };

/** How much of the file is inspected for NUL bytes, the same heuristic git and grep use for "binary". */
const BINARY_SNIFF_BYTES = 8000;

/**
 * `snapshot: false` (a run that does not fix): only the text, without the snapshot's hash of every byte (~8–25 ms for a
 * 13 MB spec) that only --fix reads.
 */
export async function readDocument(file: string, { snapshot: wanted = true }: { snapshot?: boolean } = {}): Promise<ReadOutcome> {
  let bytes: Buffer;
  let snapshot: FileSnapshot | undefined;
  try {
    if (wanted) ({ bytes, snapshot } = await readWithSnapshot(file));
    else bytes = await readFile(file);
  } catch (error) {
    return { ok: false, reason: `cannot read file: ${(error as Error).message}` };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary file, not linted' };
  // A UTF-8 BOM would make JSON.parse fail and shift nothing useful; drop it.
  const text = bytes.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom, snapshot };
}
