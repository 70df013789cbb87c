// A CodeLens above each operation: "external-public · from info.x-audience · 8/11 met · ✗ OAuth, rate limit, samples".
// The failing requirements are named (a lens must stay one short line: external operations have eleven).
// Resolved at once (no resolve round-trip): the data is already in the cached lint result. A result for an
// older version of the text is mapped to the current one; a lens whose operation key was edited is left out
// until the re-lint.
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { findingsOfFile } from './document-linter';
import { requirementStatus } from './operations';
import { lintedView } from './linted-positions';

/** Short names of the requirements, as the lens shows them; a rule without one shows its code. */
const SHORT_NAMES: Record<string, string> = {
  'external-oauth2': 'OAuth',
  'external-rate-limit': 'rate limit',
  'external-code-samples': 'samples',
  'internal-permission-scopes': 'scopes',
  'external-https': 'https',
  'external-no-internal-hosts': 'internal hosts',
  'external-code-samples-server': 'sample servers',
  'external-auth-responses': '401/403',
  'external-error-schema': 'error schema',
  'external-error-no-internals': 'error internals',
  'external-credentials-onboarding': 'credentials',
  'external-deprecation-sunset': 'sunset',
  'internal-no-public-servers': 'public servers',
};

/** "3/3 met ✓", or "1/3 met · ✗ OAuth, samples"; nothing when no requirement applies. */
export function requirementsSummary(requirements: ReadonlyArray<{ code: string; met: boolean }>): string | undefined {
  if (requirements.length === 0) return undefined;
  const missing = requirements.filter((r) => !r.met).map((r) => SHORT_NAMES[r.code] ?? r.code);
  const met = `${requirements.length - missing.length}/${requirements.length} met`;
  return missing.length === 0 ? `${met} ✓` : `${met} · ✗ ${missing.join(', ')}`;
}

export function provideCodeLenses(context: ServerContext, params: CodeLensParams): CodeLens[] {
  const lint = context.results.get(params.textDocument.uri);
  const document = context.documents.get(params.textDocument.uri);
  if (!lint || !document || !lint.result.isOpenApi) return [];
  const view = lintedView(lint, document);
  const findings = findingsOfFile(lint.result, lint.options.filePath);
  const lenses: CodeLens[] = [];
  for (const operation of lint.result.operations) {
    const start = view.toCurrent(operation.range.start);
    if (!start) continue;
    const summary = requirementsSummary(requirementStatus(operation, findings).map((r) => ({ code: r.code, met: r.problems.length === 0 })));
    const title = [operation.resolved.audience, `from ${operation.resolved.detail}`, ...(summary ? [summary] : [])].join(' · ');
    // An empty command id renders the title as a plain label.
    const line = start.line;
    lenses.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title, command: '' } });
  }
  return lenses;
}
