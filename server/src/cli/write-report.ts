// The one place the CLI writes a report file (lint --output, diff, report, merge). Kept as a single
// function so a safer writer (atomic rename, refusing special files) can replace it in one place.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from './errors';

export async function writeReport(file: string, text: string): Promise<void> {
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
  } catch (error) {
    throw new ConfigurationError(`cannot write output file ${file}: ${(error as Error).message}`);
  }
}
