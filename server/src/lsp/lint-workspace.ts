// "Lint workspace": every OpenAPI file of every folder that matches validateFiles, with
// diagnostics published for each (open documents are linted from their editor text).
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { CancellationToken } from 'vscode-languageserver';
import type { LintWorkspaceResult } from '../protocol';
import type { LintResult } from '../engine/types';
import { buildLintRequest } from './lint-request';
import { toDiagnostic } from './diagnostics';
import { findingsOfFile } from './document-linter';
import { matchesValidateFiles, pathToUri } from './workspace';
import type { ServerContext } from './context';
import { logError } from './log';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** Bigger files are most likely generated or data; linting them from a command would stall everything. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const CANDIDATE = /\.(ya?ml|json)$/i;

async function* walk(directory: string, token: CancellationToken): AsyncGenerator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (token.isCancellationRequested) return;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* walk(full, token);
    } else if (entry.isFile() && CANDIDATE.test(entry.name)) {
      yield full;
    }
  }
}

/** One linted OpenAPI document of the workspace, for callers that want more than the totals. */
export interface LintedWorkspaceFile {
  folder: string;
  filePath: string;
  uri: string;
  result: LintResult;
}

export async function lintWorkspace(context: ServerContext, token: CancellationToken, onLinted?: (file: LintedWorkspaceFile) => void): Promise<LintWorkspaceResult> {
  const totals: LintWorkspaceResult = { files: 0, findings: 0 };
  for (const folder of context.folders.all()) {
    for await (const filePath of walk(folder, token)) {
      if (token.isCancellationRequested) return totals;
      try {
        const found = await lintFile(context, folder, filePath, onLinted);
        if (found !== undefined) {
          totals.files++;
          totals.findings += found;
        }
      } catch (error) {
        logError(context, `Lint of ${filePath} failed`, error);
      }
    }
  }
  return totals;
}

/** Number of findings published, or undefined when the file is not an OpenAPI document we lint. */
async function lintFile(context: ServerContext, folder: string, filePath: string, onLinted?: (file: LintedWorkspaceFile) => void): Promise<number | undefined> {
  const uri = pathToUri(filePath);
  const settings = await context.settings.get(uri);
  if (!settings.enable || !matchesValidateFiles(filePath, folder, settings.validateFiles)) return undefined;
  const open = context.documents.get(uri);
  if (!open && (await fs.stat(filePath)).size > MAX_FILE_BYTES) return undefined;
  const text = open ? open.getText() : await fs.readFile(filePath, 'utf8');
  const languageId = /\.json$/i.test(filePath) ? 'json' : 'yaml';
  const request = buildLintRequest({ uri, languageId }, text, settings, context.folders, context.trust);
  if (request.kind === 'skip') return undefined;
  const result = await context.backend.lint(request.options);
  if (!result.isOpenApi) return undefined;
  onLinted?.({ folder, filePath, uri, result });
  const version = open?.version;
  const findings = findingsOfFile(result, filePath);
  if (open && context.documents.get(uri)?.version !== version) return findings.length; // edited meanwhile: its own lint publishes
  if (open && version !== undefined) context.results.set({ uri, version, text, options: request.options, result });
  context.publisher.publishLint(uri, findings.map((f) => toDiagnostic(f, version ?? 0)), version);
  return findings.length;
}
