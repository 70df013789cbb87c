// The one place the CLI writes a report file (lint --output, diff, report, merge): atomically, through
// safeWriteFile, so a crash or a full disk never leaves a half-written report behind.
import { safeWriteFile, writeErrorDetail } from '../node/safe-write';
import { ConfigurationError, oneLine } from './errors';

export async function writeReport(file: string, text: string): Promise<void> {
  try {
    await safeWriteFile(file, text, { createFolders: true });
  } catch (error) {
    throw new ConfigurationError(`cannot write output file ${file}: ${oneLine(writeErrorDetail(error))}`);
  }
}
