// Baselines: accept today's findings, fail only on new ones. The file lists each finding by rule,
// file (relative to the baseline's folder, "/"-separated) and JSON pointer, plus the fingerprint used
// for matching; entries are sorted so a baseline diffs nicely in review.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigurationError, oneLine } from './errors';
import { safeWriteFile, writeErrorDetail } from '../node/safe-write';
import { FingerprintCounter, fingerprint, isOperational } from './finding-identity';
import type { FileReport } from './formatters';
import { findingFile, jsonPointer, relativePosix } from './formatters/paths';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  file: string;
  code: string;
  /** RFC 6901 JSON pointer of the finding. */
  path: string;
  fingerprint: string;
}

export interface BaselineFile {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  for (const key of ['file', 'code', 'path', 'fingerprint'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return 0;
}

/** Every finding of the reports as baseline entries (run problems such as rule-error are never recorded). */
export function baselineEntries(reports: FileReport[], baselineFile: string): BaselineEntry[] {
  const dir = path.dirname(baselineFile);
  const entries: BaselineEntry[] = [];
  for (const report of reports) {
    for (const finding of report.findings) {
      if (isOperational(finding)) continue;
      const file = relativePosix(dir, findingFile(report, finding));
      entries.push({
        file,
        code: finding.code,
        path: jsonPointer(finding.path),
        fingerprint: fingerprint(finding.code, file, finding.path),
      });
    }
  }
  return entries.sort(compareEntries);
}

export function renderBaseline(entries: BaselineEntry[]): string {
  const content: BaselineFile = { version: BASELINE_VERSION, findings: entries };
  return JSON.stringify(content, null, 2) + '\n';
}

export async function writeBaseline(reports: FileReport[], baselineFile: string): Promise<number> {
  const entries = baselineEntries(reports, baselineFile);
  try {
    await safeWriteFile(baselineFile, renderBaseline(entries), { createFolders: true });
  } catch (error) {
    throw new ConfigurationError(`cannot write baseline ${baselineFile}: ${oneLine(writeErrorDetail(error))}`);
  }
  return entries.length;
}

export async function readBaseline(baselineFile: string): Promise<BaselineEntry[]> {
  let text: string;
  try {
    text = await fs.readFile(baselineFile, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`cannot read baseline ${baselineFile}: ${oneLine((error as Error).message)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`baseline ${baselineFile} is not valid JSON: ${oneLine((error as Error).message)}`);
  }
  const content = data as Partial<BaselineFile> | null;
  if (!content || typeof content !== 'object' || content.version !== BASELINE_VERSION || !Array.isArray(content.findings)) {
    throw new ConfigurationError(
      `baseline ${baselineFile}: expected { "version": ${BASELINE_VERSION}, "findings": [...] } (write one with --write-baseline)`,
    );
  }
  const bad = content.findings.findIndex((e) => !e || typeof e !== 'object' || typeof (e as BaselineEntry).fingerprint !== 'string');
  if (bad >= 0) throw new ConfigurationError(`baseline ${baselineFile}: findings[${bad}] has no "fingerprint" string`);
  return content.findings;
}

/** The reports without the findings the baseline records (each entry excuses one finding). */
export function dropBaselined(reports: FileReport[], entries: BaselineEntry[], baselineFile: string): FileReport[] {
  const dir = path.dirname(baselineFile);
  const recorded = new FingerprintCounter(entries.map((e) => e.fingerprint));
  return reports.map((report) => ({
    ...report,
    findings: report.findings.filter(
      (finding) =>
        isOperational(finding) || !recorded.take(fingerprint(finding.code, relativePosix(dir, findingFile(report, finding)), finding.path)),
    ),
  }));
}
