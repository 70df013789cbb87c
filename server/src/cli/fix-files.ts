// --fix and --fix-dry-run: every safe fix of a file's findings, applied at once by the engine
// (which keeps the document's indentation, quotes, comments and line endings), then the file is
// linted again so the report shows what remains. Findings a root reports in the files it $refs are
// fixed in those files (and, when a fix needs it, in the root's components), one root after the other
// on the texts the previous fixes produced; the roots are linted again with the fixed texts.
// Files are written with safeWriteFile: atomically, keeping their mode, through symlinks, and never over a
// file that changed on disk since it was linted.
// The fixes are the built-in rules' own: their pack is installed wherever this module is.
import '../builtin-rules';
import { applyFixAll, applyReferencedFixAll } from '../engine/fixes';
import type { Finding } from '../engine/types';
import { safeWriteFile, SafeWriteError, type FileSnapshot } from '../node/safe-write';
import { oneLine, PROGRAM } from './errors';
import { isOperational } from './finding-identity';
import { relativePosix } from './formatters/paths';
import { lintText, type LintedFile, type LintPlan } from './lint-file';
import { readDocument } from './read-document';
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

interface Edited {
  original: string;
  text: string;
  bom: boolean;
  snapshot?: FileSnapshot;
}

function byFragment(findings: Finding[], root: string): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (isOperational(finding) || !finding.source || finding.source === root || !finding.rootPath) continue;
    const list = groups.get(finding.source) ?? [];
    list.push(finding);
    groups.set(finding.source, list);
  }
  return groups;
}

const countIn = (files: LintedFile[], file: string) =>
  files.reduce((n, { report }) => n + report.findings.filter((f) => (f.source ?? report.file) === file).length, 0);

export async function fixFiles(files: LintedFile[], plan: LintPlan, write: boolean): Promise<FixOutcome> {
  const edited = new Map<string, Edited>();
  const order: string[] = [];
  const textOf = async (file: string, fallback?: LintedFile['source']): Promise<Edited | undefined> => {
    const known = edited.get(file);
    if (known) return known;
    const read = fallback ? { ok: true as const, ...fallback } : await readDocument(file);
    if (!read.ok) return undefined;
    const entry: Edited = { original: read.text, text: read.text, bom: read.bom, snapshot: read.snapshot };
    edited.set(file, entry);
    order.push(file);
    return entry;
  };

  for (const { report, source } of files) {
    if (!source) continue;
    const root = await textOf(report.file, source);
    if (!root) continue;
    // Findings located in this file.
    const own = report.findings.filter((f) => !isOperational(f) && (f.source === undefined || f.source === report.file));
    if (own.length > 0) root.text = applyFixAll(root.text, own, { format: report.format });
    // Findings in the files it $refs.
    for (const [file, findings] of byFragment(report.findings, report.file)) {
      const fragment = await textOf(file);
      if (!fragment) continue;
      const out = applyReferencedFixAll(
        { file: report.file, text: root.text, format: report.format },
        { file, text: fragment.text },
        findings,
      );
      root.text = out.root;
      fragment.text = out.fragment;
    }
  }

  const changed = order.filter((file) => edited.get(file)!.text !== edited.get(file)!.original);
  const outcome: FixOutcome = { files: [], diffs: [], fixed: [], writeFailures: [] };
  const failedWrites = new Set<string>();
  for (const file of changed) {
    const entry = edited.get(file)!;
    const rel = relativePosix(plan.cwd, file);
    outcome.diffs.push(unifiedDiff(entry.original, entry.text, { oldName: `a/${rel}`, newName: `b/${rel}` }));
    if (!write) continue;
    try {
      await safeWriteFile(file, (entry.bom ? '\ufeff' : '') + entry.text, { expected: entry.snapshot });
    } catch (error) {
      // The file is as it was: report its findings as they are, and say why it was not fixed.
      const reason =
        error instanceof SafeWriteError ? error.message.replace(file, rel) : `cannot write ${rel}: ${(error as Error).message}`;
      outcome.writeFailures.push(`${PROGRAM}: --fix: ${oneLine(reason)}\n`);
      failedWrites.add(file);
      entry.text = entry.original;
    }
  }

  // Fixed texts of $ref'd files are read from memory: --fix-dry-run writes nothing, yet reports what would remain.
  const overlay = Object.fromEntries(changed.filter((file) => !failedWrites.has(file)).map((file) => [file, edited.get(file)!.text]));
  const changedSet = new Set(Object.keys(overlay));
  for (const linted of files) {
    const { report, source } = linted;
    if (failedWrites.has(report.file)) {
      outcome.files.push(linted);
      continue;
    }
    const touched = changedSet.has(report.file) || (report.references ?? []).some((file) => changedSet.has(file));
    if (!source || !touched) {
      outcome.files.push(linted);
      continue;
    }
    const text = edited.get(report.file)?.text ?? source.text;
    const others = Object.fromEntries(Object.entries(overlay).filter(([file]) => file !== report.file));
    const after = await lintText(report.file, text, plan, Object.keys(others).length > 0 ? others : undefined);
    outcome.files.push({ report: after, source: { text, bom: source.bom } });
  }
  for (const file of changedSet) {
    outcome.fixed.push({ file, before: countIn(files, file), after: countIn(outcome.files, file) });
  }
  return outcome;
}
