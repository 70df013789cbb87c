// "Lint workspace": every OpenAPI file of every folder that matches validateFiles, with diagnostics published
// for each (open documents are linted from their editor text). Each file takes the path of a document lint
// (lintAndPublish): the same request, failure handling, publishing and ruleset-error reporting.
import { promises as fs } from 'node:fs';
import type { CancellationToken } from 'vscode-languageserver';
import type { LintWorkspaceResult } from '../protocol';
import type { LintResult } from '../engine/types';
import { documentSizeLimit } from '../engine/lint-options';
import { lintOptionsFor } from '../engine/lint-request';
import { isDocumentFile, walkFiles } from '../node/file-walk';
import { lintTarget } from './lint-request';
import { findingsOfFile, lintAndPublish } from './document-linter';
import { pathToUri } from './workspace';
import type { ServerContext } from './context';
import { logError } from './log';

/** One linted OpenAPI document of the workspace, for callers that want more than the totals. */
export interface LintedWorkspaceFile {
  folder: string;
  filePath: string;
  uri: string;
  result: LintResult;
}

export async function lintWorkspace(
  context: ServerContext,
  token: CancellationToken,
  onLinted?: (file: LintedWorkspaceFile) => void,
): Promise<LintWorkspaceResult> {
  const totals: LintWorkspaceResult = { files: 0, findings: 0 };
  for (const folder of context.folders.all()) {
    for await (const filePath of walkFiles(folder, { include: isDocumentFile, isCancelled: () => token.isCancellationRequested })) {
      if (token.isCancellationRequested) return totals;
      // A file of a nested workspace folder is that folder's: linted once, under its settings.
      if (context.folders.folderOf(filePath) !== folder) continue;
      try {
        const found = await lintFile(context, folder, filePath, token, onLinted);
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

/** Number of findings of the file, or undefined when it is not an OpenAPI document we lint. */
async function lintFile(
  context: ServerContext,
  folder: string,
  filePath: string,
  token: CancellationToken,
  onLinted?: (file: LintedWorkspaceFile) => void,
): Promise<number | undefined> {
  const uri = pathToUri(filePath);
  const settings = await context.settings.get(uri);
  const open = context.documents.get(uri);
  const target = lintTarget(
    { uri, languageId: open?.languageId ?? (/\.json$/i.test(filePath) ? 'json' : 'yaml') },
    settings,
    context.folders,
    context.trust,
  );
  if (target.kind === 'skip') return undefined;
  // Over the lint's size limit in bytes: not read (likely generated or data; the engine checks the characters of what is read).
  if (!open && (await fs.stat(filePath)).size > documentSizeLimit(target.profile.maxDocumentSize)) return undefined;
  const text = open ? open.getText() : await fs.readFile(filePath, 'utf8');
  const options = lintOptionsFor({ filePath: target.filePath, text, root: target.root }, target.profile);
  const result = await lintAndPublish(context, { uri, version: open?.version, text }, options, settings, token);
  if (!result?.isOpenApi) return undefined;
  onLinted?.({ folder, filePath, uri, result });
  return findingsOfFile(result, filePath).length;
}
