// Hover on an operation written in a $ref'd file: its audience in each root that uses it (an operation
// shared by a public and an internal description has two), with each audience's requirements and status.
import path from 'node:path';
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { requirementStatus } from './operations';
import { rangeContains, toLspRange } from './positions';
import { uriToPath } from './workspace';
import type { ServerContext } from './context';

export function provideFragmentHover(context: ServerContext, params: HoverParams): Hover | null {
  const uri = params.textDocument.uri;
  const file = uriToPath(uri);
  if (!file) return null;
  const uses = context.crossFile.findings
    .all()
    .flatMap((lint) =>
      (lint.operations ?? []).filter((op) => op.file === file && rangeContains(op.range, params.position)).map((op) => ({ lint, op })),
    )
    .sort((a, b) => a.lint.rootFile.localeCompare(b.lint.rootFile));
  if (uses.length === 0) return null;
  // The innermost operation under the cursor (path items in one file hold several).
  const innermost = uses.reduce((best, use) => (use.op.range.start.line >= best.op.range.start.line ? use : best)).op;
  const here = uses.filter(({ op }) => op.range.start.line === innermost.range.start.line);
  const lines = [
    `**${innermost.method.toUpperCase()} ${innermost.path}** · used by ${here.length === 1 ? '1 root document' : `${here.length} root documents`}`,
  ];
  for (const { lint, op } of here) {
    const { audience, kind, detail } = op.resolved;
    lines.push('', `In \`${path.basename(lint.rootFile)}\`: audience \`${audience}\` (${kind}), from ${detail}`, '');
    for (const requirement of requirementStatus(op, lint.byUri.get(uri) ?? [])) {
      const mark = requirement.problems.length === 0 ? '✓' : '✗';
      const problem = requirement.problems.length > 0 ? ` — ${requirement.problems[0]}` : '';
      lines.push(`- ${mark} [\`${requirement.code}\`](${requirement.documentationUrl})${problem}`);
    }
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: toLspRange(innermost.range) };
}
