// --fix and --fix-dry-run: every safe fix of a file's findings, applied at once by the engine
// (which keeps the document's indentation, quotes, comments and line endings), then the file is
// linted again so the report shows what remains. Files are written with safeWriteFile: atomically, keeping
// their mode, through symlinks, and never over a file that changed on disk since it was linted.
import { applyFixAll } from '../engine/fixes';
import { safeWriteFile, SafeWriteError } from '../node/safe-write';
import { oneLine, PROGRAM } from './errors';
import { isOperational } from './finding-identity';
import { relativePosix } from './formatters/paths';
import { lintText, type LintedFile, type LintPlan } from './lint-file';
import { unifiedDiff } from './unified-diff';

export interface FixOutcome {
  /** The files, linted again where a fix changed them. */
  files: LintedFile[];
  /** One unified diff per changed file, in file order. */
  diffs: string[];
  /** Changed files with their finding counts before and after. */
  fixed: { file: string; before: number; after: number }[];
  /** One stderr line per file that could not be written (left unchanged): the run exits 2. */
  writeFailures: string[];
}

export async function fixFiles(files: LintedFile[], plan: LintPlan, write: boolean): Promise<FixOutcome> {
  const outcome: FixOutcome = { files: [], diffs: [], fixed: [], writeFailures: [] };
  for (const linted of files) {
    const { report, source } = linted;
    // Findings located in another ($ref'd) file cannot be fixed through this file's text.
    const own = report.findings.filter((f) => !isOperational(f) && (f.source === undefined || f.source === report.file));
    const fixedText = source && own.length > 0 ? applyFixAll(source.text, own, { format: report.format }) : undefined;
    if (!source || fixedText === undefined || fixedText === source.text) {
      outcome.files.push(linted);
      continue;
    }
    const rel = relativePosix(plan.cwd, report.file);
    outcome.diffs.push(unifiedDiff(source.text, fixedText, { oldName: `a/${rel}`, newName: `b/${rel}` }));
    if (write) {
      try {
        await safeWriteFile(report.file, (source.bom ? '\ufeff' : '') + fixedText, { expected: source.snapshot });
      } catch (error) {
        // The file is as it was: report its findings as they are, and say why it was not fixed.
        const reason = error instanceof SafeWriteError ? error.message.replace(report.file, rel) : `cannot write ${rel}: ${(error as Error).message}`;
        outcome.writeFailures.push(`${PROGRAM}: --fix: ${oneLine(reason)}\n`);
        outcome.files.push(linted);
        continue;
      }
    }
    const after = await lintText(report.file, fixedText, plan);
    outcome.files.push({ report: after, source: { text: fixedText, bom: source.bom } });
    outcome.fixed.push({ file: report.file, before: report.findings.length, after: after.findings.length });
  }
  return outcome;
}
