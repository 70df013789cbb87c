// --new-only: keep the findings the base version of a file does not have. The base version
// (`git show <merge-base>:<old path>`, following renames) is linted in memory under the file's
// current name, so the same ruleset, overrides and audience globs apply, and findings are matched
// by rule + file + JSON path: a moved block or a renamed file brings no "new" finding.
import { FingerprintCounter, fingerprint, isOperational } from './finding-identity';
import type { FileReport } from './formatters';
import { findingFile, relativePosix } from './formatters/paths';
import type { ChangeSelection } from './changed-files';
import { fileAtCommit } from './git';
import { lintText, type LintPlan } from './lint-file';

function identity(report: FileReport, root: string) {
  return (finding: FileReport['findings'][number]) =>
    fingerprint(finding.code, relativePosix(root, findingFile(report, finding)), finding.path);
}

async function baseFindings(report: FileReport, selection: ChangeSelection, plan: LintPlan): Promise<FingerprintCounter> {
  const oldPath = selection.oldPathOf.get(report.file);
  if (oldPath === undefined) return new FingerprintCounter(); // an added file: everything in it is new
  const text = await fileAtCommit(selection.base, oldPath, selection.root);
  if (text === undefined) return new FingerprintCounter();
  // The files it $refs as they were at the base too: a finding a fragment change brought is new.
  const referenced: Record<string, string> = {};
  for (const file of report.references ?? []) {
    const rel = relativePosix(selection.root, file);
    if (rel.startsWith('..')) continue;
    const atBase = await fileAtCommit(selection.base, rel, selection.root);
    referenced[file] = atBase === undefined ? '' : atBase.charCodeAt(0) === 0xfeff ? atBase.slice(1) : atBase;
  }
  const before = await lintText(
    report.file,
    text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    plan,
    Object.keys(referenced).length > 0 ? referenced : undefined,
  );
  return new FingerprintCounter(before.findings.filter((f) => !isOperational(f)).map(identity(before, selection.root)));
}

export async function keepNewFindings(reports: FileReport[], selection: ChangeSelection, plan: LintPlan): Promise<FileReport[]> {
  const kept: FileReport[] = [];
  for (const report of reports) {
    if (report.skipped || report.findings.every(isOperational)) {
      kept.push(report);
      continue;
    }
    const before = await baseFindings(report, selection, plan);
    const id = identity(report, selection.root);
    kept.push({ ...report, findings: report.findings.filter((f) => isOperational(f) || !before.take(id(f))) });
  }
  return kept;
}
