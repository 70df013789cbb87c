// Reads a file to lint. Unreadable and binary files are not fatal: the caller reports them as a
// finding on that file and carries on with the others.
import { readWithSnapshot, type FileSnapshot } from '../node/safe-write';

/**
 * `bom`: the file started with a UTF-8 byte order mark, which `text` leaves out (--fix writes it back).
 * `snapshot`: what the file looked like when read; --fix refuses to write it if it changed since.
 */
export type ReadOutcome = { ok: true; text: string; bom: boolean; snapshot: FileSnapshot } | { ok: false; reason: string };

/** How much of the file is inspected for NUL bytes, the same heuristic git and grep use for "binary". */
const BINARY_SNIFF_BYTES = 8000;

export async function readDocument(file: string): Promise<ReadOutcome> {
  let bytes: Buffer;
  let snapshot: FileSnapshot;
  try {
    ({ bytes, snapshot } = await readWithSnapshot(file));
  } catch (error) {
    return { ok: false, reason: `cannot read file: ${(error as Error).message}` };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary file, not linted' };
  // A UTF-8 BOM would make JSON.parse fail and shift nothing useful; drop it.
  const text = bytes.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom, snapshot };
}
