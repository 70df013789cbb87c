// The "API Exposure" view's data: the workspace linted (as by "Lint Workspace"), then the engine's
// inventory (audience, origin, requirement status and score per operation), with each document's URI and
// each operation's range so the editor can open it. Optionally the same HTML page as `api-exposure-lint report`.
import path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver';
import { buildInventory } from '../engine/exposure/inventory';
import type { ExposureInventoryParams, ExposureInventoryResult } from '../protocol';
import { formatReportHtml } from '../report/html';
import type { ServerContext } from './context';
import { lintWorkspace, type LintedWorkspaceFile } from './lint-workspace';

function label(file: LintedWorkspaceFile, multiRoot: boolean): string {
  const relative = path.relative(file.folder, file.filePath).split(path.sep).join('/');
  return multiRoot ? `${path.basename(file.folder)}/${relative}` : relative;
}

export async function exposureInventory(
  context: ServerContext,
  params: ExposureInventoryParams | undefined,
  token: CancellationToken,
): Promise<ExposureInventoryResult> {
  const files: LintedWorkspaceFile[] = [];
  await lintWorkspace(context, token, (file) => files.push(file));
  files.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  const multiRoot = context.folders.all().length > 1;
  const inventory = buildInventory(
    files.map((f) => ({ file: label(f, multiRoot), sourcePath: f.filePath, findings: f.result.findings, operations: f.result.operations })),
  );
  const result: ExposureInventoryResult = {
    score: inventory.score,
    documents: inventory.documents.map((document, i) => ({
      uri: files[i].uri,
      label: document.file,
      score: document.score,
      // buildInventory keeps the operations of each document in order: the ranges come from the lint result.
      operations: document.operations.map((op, j) => ({
        method: op.method,
        path: op.path,
        audience: op.audience,
        kind: op.kind,
        audienceDetail: op.audienceDetail,
        range: files[i].result.operations[j].range,
        score: op.score,
        requirements: op.requirements.map((r) => ({
          rule: r.rule,
          passed: r.passed,
          ...(r.severity ? { severity: r.severity } : {}),
          ...(r.messages[0] ? { message: r.messages[0] } : {}),
        })),
      })),
    })),
  };
  if (params?.html) result.html = formatReportHtml(inventory, {});
  return result;
}
