// api-exposure-lint diff --base <git-ref> [files or folders]: the exposure changes of the working tree
// against the merge base of <ref> and HEAD. The base commit is written to a temporary folder (a throw-away
// git index, the repository untouched), so multi-file descriptions, rulesets and their audience globs are
// read at the base exactly as they are now. Documents are paired through git's rename detection; a
// document with no base version counts as all-new, one that is gone as all-removed.
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeHost } from '../../node';
import { diffExposure, operationsPerAudience, type ExposureChange } from '../../engine/exposure/diff';
import { ExposureReader, type ReadExposure } from '../../engine/exposure/load';
import type { DocumentExposure } from '../../engine/exposure/snapshot';
import { isBuiltinRulesetName } from '../../engine/ruleset/builtin-rulesets';
import { isInside, isUrl } from '../../engine/paths';
import type { Audience, Range } from '../../engine/types';
import { UsageError, type CliOptions } from '../args';
import { lastValue } from '../command-args';
import { ConfigurationError, oneLine, PROGRAM } from '../errors';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-code';
import { expandFilePatterns } from '../files';
import { relativePosix } from '../formatters/paths';
import { changedFiles, checkoutCommitInto, mergeBase, repositoryRoot, resolveCommit } from '../git';
import type { RunEnvironment } from '../run';
import { cliLintProfile, rulesetOption } from '../lint-config';
import { lintOptionsFor, type LintProfile } from '../../engine/lint-request';
import { SHARED_HELP } from '../shared-options';
import { emitSubcommandReport, parseSubcommand } from '../subcommand';
import { DIFF_FORMATS, DIFF_FORMATTERS, type DiffFormatName } from './formatters';
import { needsReview, type DiffReport, type DocumentDiff, type LocatedChange } from './types';

export const DIFF_HELP = `Usage: api-exposure-lint diff --base <git-ref> [options] [files or folders...]

Reports what the working tree changes in who can reach what, compared with the merge base of <git-ref>
and HEAD: audiences widened or narrowed, security removed or weakened, operations added or removed,
public servers added, rate-limit documentation removed. Default files: the current folder.

Options:
      --base <git-ref>              The branch or commit to compare with (required), e.g. origin/main
  -f, --format <format>             ${DIFF_FORMATS.join(', ')} (default: stylish)
  -o, --output <file>               Write the report to a file (the console gets a summary), or
      --output <format>=<file>      also write that format to a file (repeatable)
      --fail-on-review              Exit 1 when a change needs a security review
${SHARED_HELP}
Exit codes: 0 done (or nothing needs review with --fail-on-review), 1 a change needs review, 2 usage or configuration error.
`;

interface Side {
  /** The repository root on this side (the real one, or the temporary copy of the base). */
  root: string;
  cwd: string;
  reader: ExposureReader;
  /** Ruleset, audiences and trust on this side, for the engine's shared request builder (as the lint command). */
  profile: LintProfile;
}

const EMPTY_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

async function expandOnBothSides(patterns: string[], now: Side, then: Side): Promise<{ now: string[]; then: string[] }> {
  const expand = async (pattern: string, side: Side) => {
    try {
      return await expandFilePatterns([pattern], side.cwd);
    } catch (error) {
      if (error instanceof UsageError) return undefined;
      throw error;
    }
  };
  const result = { now: [] as string[], then: [] as string[] };
  for (const pattern of patterns) {
    const [a, b] = [await expand(pattern, now), await expand(pattern, then)];
    if (!a && !b) throw new UsageError(`diff: ${pattern} matches no YAML or JSON file now or at the base`);
    result.now.push(...(a ?? []));
    result.then.push(...(b ?? []));
  }
  return { now: [...new Set(result.now)], then: [...new Set(result.then)] };
}

async function readSide(side: Side, file: string, stderr: RunEnvironment['stderr']): Promise<ReadExposure | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return await side.reader.read(lintOptionsFor({ filePath: file, text, root: side.root }, side.profile));
  } catch (error) {
    if ((error as Error)?.name === 'RulesetLoadError')
      throw new ConfigurationError(
        `ruleset ${(error as { rulesetFile?: string }).rulesetFile ?? ''}: ${oneLine((error as Error).message)}`,
      );
    stderr.write(`${PROGRAM}: diff: ${relativePosix(side.cwd, file)}: ${oneLine((error as Error)?.message ?? String(error))}\n`);
    return undefined;
  }
}

function locate(
  change: ExposureChange,
  now: ReadExposure | undefined,
  then: ReadExposure | undefined,
  fileNow: string,
  fileThen: string,
): LocatedChange {
  const read = change.side === 'after' ? now : then;
  const range = read?.document.getRangeForJsonPath(change.jsonPath, true) ?? EMPTY_RANGE;
  return { ...change, file: change.side === 'after' ? fileNow : fileThen, range: { start: { ...range.start }, end: { ...range.end } } };
}

function addCounts(total: Partial<Record<Audience, number>>, exposure: DocumentExposure | undefined) {
  for (const [audience, n] of Object.entries(operationsPerAudience(exposure)))
    total[audience as Audience] = (total[audience as Audience] ?? 0) + (n ?? 0);
}

/** Where a --ruleset file lives at the base: the same place inside the base copy when it existed there. */
function rulesetAtBase(ruleset: string | undefined, root: string, baseRoot: string): string | undefined {
  if (!ruleset || isUrl(ruleset) || isBuiltinRulesetName(ruleset) || !isInside(ruleset, root)) return ruleset;
  const atBase = path.join(baseRoot, path.relative(root, ruleset));
  return existsSync(atBase) ? atBase : ruleset;
}

export async function buildDiffReport(
  ref: string,
  options: CliOptions,
  cwd: string,
  stderr: RunEnvironment['stderr'],
): Promise<DiffReport> {
  const root = await repositoryRoot(cwd, '--base');
  const commit = await resolveCommit(ref, root, '--base');
  const base = await mergeBase(commit, ref, root, '--base');
  const renames = new Map(
    (await changedFiles(base, root)).filter((f) => f.oldPath && f.oldPath !== f.path).map((f) => [f.path, f.oldPath!]),
  );
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'api-exposure-diff-'));
  try {
    const baseRoot = path.join(temp, 'base');
    await fs.mkdir(baseRoot);
    await checkoutCommitInto(base, root, baseRoot);
    const host = createNodeHost();
    const rulesetFile = rulesetOption(options, cwd);
    const now: Side = { root, cwd, reader: new ExposureReader(host), profile: cliLintProfile(options, cwd, rulesetFile) };
    const thenCwd = path.join(baseRoot, path.relative(root, cwd));
    const then: Side = {
      root: baseRoot,
      cwd: thenCwd,
      reader: new ExposureReader(host),
      profile: cliLintProfile(options, thenCwd, rulesetAtBase(rulesetFile, root, baseRoot)),
    };
    const files = await expandOnBothSides(options.patterns.length ? options.patterns : ['.'], now, then);
    const thenByRel = new Map(files.then.map((f) => [path.relative(baseRoot, f).split(path.sep).join('/'), f]));
    const pairs: Array<{ now?: string; then?: string }> = [];
    for (const file of files.now) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      const old = renames.get(rel) ?? rel;
      // A file named explicitly under its new name: its base version was not expanded from the pattern.
      const thenFile =
        thenByRel.get(old) ?? (renames.has(rel) && existsSync(path.join(baseRoot, old)) ? path.join(baseRoot, old) : undefined);
      if (thenFile) thenByRel.delete(old);
      pairs.push({ now: file, then: thenFile });
    }
    for (const thenFile of thenByRel.values()) pairs.push({ then: thenFile });

    const report: DiffReport = { base: ref, baseCommit: base, documents: [], operationsBefore: {}, operationsAfter: {}, notes: [] };
    for (const pair of pairs) {
      const readNow = pair.now ? await readSide(now, pair.now, stderr) : undefined;
      const readThen = pair.then ? await readSide(then, pair.then, stderr) : undefined;
      if (!readNow && !readThen) continue;
      const fileNow = pair.now ? relativePosix(cwd, pair.now) : '';
      const fileThen = pair.then ? relativePosix(then.cwd, pair.then) : '';
      for (const [read, label] of [
        [readNow, fileNow],
        [readThen, `${fileThen} at the base`],
      ] as const) {
        if (read?.refErrors.length)
          report.notes.push(
            `${label}: ${read.refErrors.length} $ref${read.refErrors.length === 1 ? '' : 's'} not resolved (${read.refErrors[0]})`,
          );
      }
      const changes = diffExposure(readThen?.exposure, readNow?.exposure).map((c) => locate(c, readNow, readThen, fileNow, fileThen));
      addCounts(report.operationsBefore, readThen?.exposure);
      addCounts(report.operationsAfter, readNow?.exposure);
      const document: DocumentDiff = {
        file: readNow ? fileNow : fileThen,
        status: !readThen ? 'added' : !readNow ? 'removed' : fileNow !== fileThen ? 'renamed' : 'modified',
        changes,
      };
      if (readNow && readThen && fileNow !== fileThen) document.oldFile = fileThen;
      report.documents.push(document);
    }
    return report;
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}

export async function runDiff(argv: readonly string[], environment: RunEnvironment): Promise<number> {
  const { cwd, stdout, stderr, env } = environment;
  const args = parseSubcommand(
    argv,
    {
      name: 'diff',
      help: DIFF_HELP,
      formats: DIFF_FORMATS,
      defaultFormat: 'stylish' as DiffFormatName,
      values: ['base'],
      flags: ['fail-on-review'],
    },
    stdout,
  );
  if (!args) return EXIT_OK;
  const ref = lastValue(args.parsed, 'base');
  if (ref === undefined) throw new UsageError('diff needs --base <git-ref> (e.g. --base origin/main)');
  if (ref.startsWith('-')) throw new UsageError(`invalid value "${ref}" for --base: expected a git ref`);
  const { options } = args;

  const report = await buildDiffReport(ref, options, cwd, stderr);
  const formatOptions = { toolVersion: environment.version };
  const colorOn = (stream: RunEnvironment['stdout']) => stream.isTTY === true && !env.NO_COLOR;
  const toConsole = await emitSubcommandReport(
    args,
    environment,
    (format, onConsole) =>
      DIFF_FORMATTERS[format](report, { ...formatOptions, color: onConsole && format === 'stylish' && colorOn(stdout) }),
    () => DIFF_FORMATTERS.summary(report, { color: colorOn(stdout) }),
  );
  // A machine format on the console: the summary goes to stderr, out of the way of a pipe.
  if (toConsole && args.format !== 'stylish' && !options.quiet) stderr.write(DIFF_FORMATTERS.summary(report, { color: colorOn(stderr) }));
  if (!options.quiet) for (const note of report.notes) stderr.write(`${PROGRAM}: diff: ${note}\n`);
  return args.parsed.flags.has('fail-on-review') && needsReview(report) ? EXIT_FINDINGS : EXIT_OK;
}
