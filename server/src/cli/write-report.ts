// The one place the CLI writes a report file (lint --output, diff, report, merge): atomically, through
// safeWriteFile, so a crash or a full disk never leaves a half-written report behind.
import path from 'node:path';
import { safeWriteFile, writeErrorDetail } from '../node/safe-write';
import { ConfigurationError, oneLine } from './errors';

export async function writeReport(file: string, text: string): Promise<void> {
  try {
    await safeWriteFile(file, text, { createFolders: true });
  } catch (error) {
    throw new ConfigurationError(`cannot write output file ${file}: ${oneLine(writeErrorDetail(error))}`);
  }
}

/** --output <format>=<file> (repeatable): the same results in more formats, each to its file (relative to cwd). */
export async function writeFormatOutputs<F extends string>(
  outputs: readonly { format?: F; file: string }[],
  cwd: string,
  render: (format: F) => string,
): Promise<void> {
  for (const output of outputs) if (output.format) await writeReport(path.resolve(cwd, output.file), render(output.format));
}
