// What a closed document leaves in the server is given back at once. An idle language server allocates nothing,
// so V8 would not collect a closed 13 MB spec's garbage for as long as the editor stays open (GitHub's spec left
// 300 MB resident, against 115 MB before it was opened: docs/benchmarks.md).
import path from 'node:path';
import { BIG_DOCUMENT_CHARS } from '../node/worker/lint-worker-thread';
import { collectGarbage } from '../node/collect-garbage';
import type { LintBackend } from './lint-backend';
import type { FixProvider } from './fix-provider';

export interface ClosedDocument {
  filePath: string | undefined;
  chars: number;
  /** Documents still open in the editor. */
  stillOpen: number;
}

export async function releaseAfterClose(
  backend: LintBackend,
  fixes: FixProvider,
  info: (message: string) => void,
  closed: ClosedDocument,
): Promise<void> {
  if (closed.stillOpen === 0) {
    // The next document starts fresh workers (about a second, on a core of its own).
    fixes.release?.();
    await backend.releaseWorkers?.();
  } else if (closed.filePath) {
    await backend.documentClosed?.(closed.filePath);
  }
  if (closed.stillOpen > 0 && closed.chars < BIG_DOCUMENT_CHARS) return; // little to give back, not worth a pause
  const { beforeMb, afterMb, ms } = collectGarbage();
  const name = closed.filePath ? path.basename(closed.filePath) : 'a document';
  info(`Closed ${name}: the server's heap went from ${beforeMb} to ${afterMb} MB after a collection (${ms} ms)`);
}
