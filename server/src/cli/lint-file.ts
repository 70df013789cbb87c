// Lints one file (or one version of a file's text) with the options of the run. Per-file problems
// (unreadable, binary, engine failure) become a "lint-error" finding on that file. A ruleset given with
// --ruleset that fails ends the run with exit 2 at once (it applies to every file); a discovered ruleset that
// fails becomes a "ruleset-error" finding on the files it applies to, so other folders are still linted
// (the run still exits 2, after the report).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LintOptions } from '../engine/lint-options';
import { lintOptionsFor, type LintProfile } from '../engine/lint-request';
import type { Finding, LintResult } from '../engine/types';
import type { CliOptions } from './args';
import { ConfigurationError, oneLine, PROGRAM } from './errors';
import { createRepoRootFinder } from './files';
import type { FileReport } from './formatters';
import { relativePosix } from './formatters/paths';
import { cliLintProfile, rulesetOption } from './lint-config';
import { readDocument } from './read-document';
import type { FileSnapshot } from '../node/safe-write';
import { documentFinding } from '../engine/document-findings';

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** Terminal width, when isTTY. */
  columns?: number;
}

export interface LinterLike {
  lint(options: LintOptions): Promise<LintResult>;
  /** Stops worker threads once the run is over. */
  dispose?(): unknown;
}

export interface LintPlan {
  linter: LinterLike;
  options: CliOptions;
  cwd: string;
  /** What every file of the run is linted with (the engine's shared request builder turns it into LintOptions). */
  profile: LintProfile;
  /** The repository root of a folder: ruleset discovery stops there and `$ref`s may read below it. */
  rootOf: (dir: string) => string | undefined;
  stderr: OutputStream;
}

/** The plan of a command that lints files (lint, report): one linter, the run's profile, repository roots. */
export function createLintPlan(
  options: CliOptions,
  environment: { cwd: string; stderr: OutputStream; createLinter: (files?: readonly string[]) => LinterLike },
  files?: readonly string[],
): LintPlan {
  const { cwd } = environment;
  return {
    linter: environment.createLinter(files),
    options,
    cwd,
    profile: cliLintProfile(options, cwd, rulesetOption(options, cwd)),
    rootOf: createRepoRootFinder(existsSync),
    stderr: environment.stderr,
  };
}

/** A linted file and, when the run fixes files, the text it was linted from (what --fix edits). */
export interface LintedFile {
  report: FileReport;
  /** `snapshot`: the file as read from disk, so --fix can refuse to overwrite a file changed meanwhile. */
  source?: { text: string; bom: boolean; snapshot?: FileSnapshot };
}

export const NOT_OPENAPI = 'not an OpenAPI or Swagger document';
export const FRAGMENT = 'a fragment of an OpenAPI document that no linted document $refs: lint the root document that uses it';
export function fileProblem(message: string): Finding {
  return documentFinding('lint-error', message);
}

function isRulesetLoadError(error: unknown): error is Error & { rulesetFile: string; detail?: string } {
  // Matched by name, not instanceof, so the CLI does not depend on the engine's class identity.
  return error instanceof Error && error.name === 'RulesetLoadError';
}

function rulesetErrorMessage(rulesetFile: string | undefined, reason: string): string {
  const line = oneLine(reason);
  return rulesetFile && !line.includes(rulesetFile) ? `ruleset ${rulesetFile}: ${line}` : `ruleset: ${line}`;
}

/** Parses the text (with the engine's YAML parser, which a plain lint's main thread never loads otherwise). */
async function isFragment(text: string): Promise<boolean> {
  return (await import('../engine/fragments')).looksLikeFragment(text);
}

/** Lints `text` as the content of `file` (the file's current text, a fixed text, or an older version). */
/** `openDocuments`: texts of $ref'd files to use instead of the disk (fixed but unwritten files, a base commit's versions). */
export async function lintText(file: string, text: string, plan: LintPlan, openDocuments?: Record<string, string>): Promise<FileReport> {
  const root = plan.rootOf(path.dirname(file)) ?? plan.cwd;
  const { options } = plan;
  let result: LintResult;
  try {
    result = await plan.linter.lint(lintOptionsFor({ filePath: file, text, root, openDocuments }, plan.profile));
  } catch (error) {
    if (isRulesetLoadError(error)) {
      const message = rulesetErrorMessage(error.rulesetFile, error.message);
      if (plan.profile.rulesetFile) throw new ConfigurationError(message, error.detail ?? error.stack);
      if (options.verbose && error.detail) plan.stderr.write(`${PROGRAM}: ${error.detail}\n`);
      return { file, findings: [documentFinding('ruleset-error', message)] };
    }
    if (options.verbose) plan.stderr.write(`${PROGRAM}: ${relativePosix(plan.cwd, file)}: ${(error as Error)?.stack ?? String(error)}\n`);
    return { file, findings: [fileProblem(`lint failed: ${oneLine((error as Error)?.message ?? String(error))}`)] };
  }
  if (result.rulesetError) throw new ConfigurationError(rulesetErrorMessage(result.ruleset, result.rulesetError));
  const report: FileReport = { file, findings: result.isOpenApi ? result.findings : [], format: result.format, ruleset: result.ruleset };
  if (!result.isOpenApi) report.skipped = (await isFragment(text)) ? FRAGMENT : NOT_OPENAPI;
  else report.operations = result.operations;
  if (result.references?.length) report.references = result.references;
  if (result.untrustedCodeSkipped?.length) report.untrustedCodeSkipped = result.untrustedCodeSkipped;
  return report;
}

/**
 * The text (and the snapshot --fix checks before it writes) is kept with the report only when the run fixes files: a
 * run over a folder of hundreds of specs (an inventory, a whole API directory) otherwise held every file's text until
 * the report was written (60 copies of a 0.5 MB spec: 287 → 256 MB at the peak, docs/benchmarks.md round 15).
 */
export async function lintFile(file: string, plan: LintPlan): Promise<LintedFile> {
  const fixing = plan.options.fix || plan.options.fixDryRun;
  const read = await readDocument(file, { snapshot: fixing });
  if (!read.ok) return { report: { file, findings: [fileProblem(read.reason)] } };
  const report = await lintText(file, read.text, plan);
  if (!fixing) return { report };
  return { report, source: { text: read.text, bom: read.bom, snapshot: read.snapshot } };
}
