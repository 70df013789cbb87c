// Lints one open document and publishes the outcome, unless the document changed or the run was
// superseded meanwhile: results for an old version are never published.
import path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver';
import { STATUS_NOTIFICATION, type Settings, type StatusParams } from '../protocol';
import type { Finding, LintResult } from '../engine/types';
import { effectiveBudgetMs, type LintOptions } from '../engine/lint-options';
import { workerLintBoundMs } from '../engine/lint-budget';
import { documentFinding, notLintedResult } from '../engine/document-findings';
import { buildLintRequest } from './lint-request';
import { toDiagnostic } from './diagnostics';
import { statusFromResult } from './status';
import type { ServerContext } from './context';
import { log, logError } from './log';

export class LintTimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  if (!ms) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new LintTimeoutError(`Lint took longer than ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** A lint that failed as a whole is shown as one diagnostic at the top of the document. */
function failureResult(options: LintOptions, code: 'lint-timeout' | 'lint-error', message: string): LintResult {
  // Shown even if the text no longer looks like OpenAPI: the user must learn that the lint failed.
  return notLintedResult(options.filePath, options.text, documentFinding(code, message), {
    isOpenApi: true,
    ruleset: options.rulesetFile ?? '',
  });
}

/** Findings of $ref'd files are reported when those files are linted themselves. */
export function findingsOfFile(result: LintResult, filePath: string): Finding[] {
  if (!result.isOpenApi) return [];
  return result.findings.filter((finding) => !finding.source || path.resolve(finding.source) === path.resolve(filePath));
}

export function sendStatus(context: ServerContext, status: StatusParams): void {
  void context.connection.sendNotification(STATUS_NOTIFICATION, status).catch(() => undefined);
}

export async function lintDocument(context: ServerContext, uri: string, token: CancellationToken): Promise<void> {
  const document = context.documents.get(uri);
  if (!document) return;
  const version = document.version;
  const text = document.getText();
  const settings = await context.settings.get(uri);
  if (token.isCancellationRequested || context.documents.get(uri)?.version !== version) return;
  const request = buildLintRequest(document, text, settings, context.folders, context.trust);
  if (request.kind === 'skip') {
    context.results.delete(uri);
    context.rulesetWatch.forget(uri);
    context.publisher.publishLint(uri, [], version);
    sendStatus(context, { uri, ruleset: '', isOpenApi: false, state: 'disabled' });
    return;
  }
  await lintAndPublish(context, { uri, version, text }, request.options, settings, token);
}

/** What is linted: an open document at one version, or a closed file's text from disk (no version). */
export interface LintedText {
  uri: string;
  version?: number;
  text: string;
}

/**
 * The path every lint of the server takes, for an open document and for each file of "Lint workspace": lint,
 * publish unless the document changed meanwhile, report or clear ruleset errors. Returns the result (also one
 * not published because the document changed meanwhile), or undefined when the lint was cancelled.
 */
export async function lintAndPublish(
  context: ServerContext,
  subject: LintedText,
  options: LintOptions,
  settings: Settings,
  token: CancellationToken,
): Promise<LintResult | undefined> {
  const { uri, version, text } = subject;
  const isOpen = version !== undefined;
  // A closed file that was opened meanwhile is stale too: its own lint publishes.
  const isStale = () => token.isCancellationRequested || context.documents.get(uri)?.version !== version;
  // A root reads the editor's unsaved text of the files it $refs.
  options.openDocuments = context.crossFile.openTexts(options.filePath, text);
  if (isOpen) sendStatus(context, { uri, ruleset: options.rulesetFile ?? '', isOpenApi: true, state: 'linting' });
  const result = await runLint(context, options, settings, token);
  if (!result || isStale()) return result;

  const diagnostics = findingsOfFile(result, options.filePath).map((finding) => toDiagnostic(finding, version ?? 0));
  if (isOpen) context.results.set({ uri, version, text, options, result });
  context.publisher.publishLint(uri, diagnostics, version);
  if (isOpen) {
    sendStatus(context, statusFromResult(uri, result));
    await context.crossFile.afterLint(uri, options.filePath, text, version, result);
  }
  noteRulesetOutcome(context, uri, result);
  return result;
}

async function runLint(
  context: ServerContext,
  options: LintOptions,
  settings: Settings,
  token: CancellationToken,
): Promise<LintResult | undefined> {
  try {
    // The worker enforces lintTimeoutMs itself (scaled to the document's size, in CPU time) and names the rule; this
    // race only guards against a wedged backend, so it allows for everything the worker may legitimately take: a
    // stop, an exposure-only fallback, and a wait in the queue behind another such lint.
    const bound = workerLintBoundMs(effectiveBudgetMs(settings.lintTimeoutMs, options.text.length));
    return await withTimeout(context.backend.lint(options, token), 2 * bound);
  } catch (error) {
    if (token.isCancellationRequested) return undefined;
    if (error instanceof LintTimeoutError) {
      log(context.connection, 'warn', `Lint of ${options.filePath} timed out after ${settings.lintTimeoutMs} ms`);
      return failureResult(options, 'lint-timeout', `${error.message}; raise apiExposureLint.lintTimeoutMs or simplify the ruleset.`);
    }
    logError(context, `Lint of ${options.filePath} failed`, error);
    return failureResult(options, 'lint-error', `The linter failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Ruleset bookkeeping, from what the result says about its ruleset (no second discovery): report or clear its
 * error, and watch the files it was built from. Also after the background lint of a closed root (cross-file.ts):
 * a broken ruleset is reported whichever document's lint met it.
 */
export function noteRulesetOutcome(context: ServerContext, uri: string, result: LintResult): void {
  // A lint that failed as a whole (timeout, crash, too large) says nothing about the ruleset: what was known stays.
  if (result.isOpenApi && result.rulesetRequested === undefined) return;
  // The ruleset the document asked for (configured or discovered), which is not the fallback in use after an error.
  const rulesetFile = result.rulesetRequested;
  const sources = new Set(result.rulesetSources ?? []);
  if (rulesetFile && path.isAbsolute(rulesetFile)) {
    sources.add(rulesetFile);
    if (!result.rulesetError) context.rulesetErrors.clear(rulesetFile);
  }
  if (result.rulesetError) context.rulesetErrors.report(rulesetFile ?? 'ruleset', result.rulesetError, result.ruleset);
  // Only open documents are re-linted when a ruleset file changes ("Lint workspace" lints closed files too).
  if (context.documents.get(uri)) context.rulesetWatch.track(uri, [...sources]);
}
