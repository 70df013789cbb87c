// Path helpers shared by the formatters: output paths are relative to cwd, with "/" separators,
// so reports are identical on every machine and OS (SARIF uris, GitHub annotations, JSON).
import path from 'node:path';
import type { Finding, JsonPath } from '../../engine/types';
import type { FileReport } from './types';

export function relativePosix(cwd: string, file: string): string {
  const rel = path.relative(cwd, file) || path.basename(file);
  return rel.split(path.sep).join('/');
}

/** The file a finding is in: a $ref'd file when the engine says so, else the linted file. */
export function findingFile(report: FileReport, finding: Finding): string {
  return finding.source ?? report.file;
}

export interface LocatedFinding {
  /** Absolute path of the file the finding is in. */
  file: string;
  finding: Finding;
}

/** All findings, each with its file, in report order. */
export function locatedFindings(files: FileReport[]): LocatedFinding[] {
  return files.flatMap((report) => report.findings.map((finding) => ({ file: findingFile(report, finding), finding })));
}

/** RFC 6901 JSON pointer, e.g. ["paths", "/pets", "get"] → "/paths/~1pets/get". */
export function jsonPointer(jsonPath: JsonPath): string {
  return jsonPath.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
