// --fix and --fix-dry-run: every safe fix of a file's findings, applied at once by the engine
// (which keeps the document's indentation, quotes, comments and line endings), then the file is
// linted again so the report shows what remains.
import { promises as fs } from 'node:fs';
import { applyFixAll } from '../engine/fixes';
import { oneLine } from './errors';
import { isOperational } from './finding-identity';
import { relativePosix } from './formatters/paths';
import { fileProblem, lintText, type LintedFile, type LintPlan } from './lint-file';
import { unifiedDiff } from './unified-diff';

export interface FixOutcome {
  /** The files, linted again where a fix changed them. */
  files: LintedFile[];
  /** One unified diff per changed file, in file order. */
  diffs: string[];
  /** Changed files with their finding counts before and after. */
  fixed: { file: string; before: number; after: number }[];
}

export async function fixFiles(files: LintedFile[], plan: LintPlan, write: boolean): Promise<FixOutcome> {
  const outcome: FixOutcome = { files: [], diffs: [], fixed: [] };
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
        await fs.writeFile(report.file, (source.bom ? '\ufeff' : '') + fixedText);
      } catch (error) {
        const problem = fileProblem(`cannot write the fixed file: ${oneLine((error as Error).message)}`);
        outcome.files.push({ ...linted, report: { ...report, findings: [problem, ...report.findings] } });
        continue;
      }
    }
    const after = await lintText(report.file, fixedText, plan);
    outcome.files.push({ report: after, source: { text: fixedText, bom: source.bom } });
    outcome.fixed.push({ file: report.file, before: report.findings.length, after: after.findings.length });
  }
  return outcome;
}
