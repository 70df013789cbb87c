// What the status bar shows for a document, derived from a lint result.
import type { LintResult, OperationAudience } from '../engine/types';
import type { StatusParams } from '../protocol';

/** "external-public", or "mixed (3 external, 1 internal)" when operations disagree. */
export function summarizeAudience(operations: OperationAudience[]): { audience?: string; audienceSource?: string } {
  if (operations.length === 0) return {};
  const audiences = new Set(operations.map((op) => op.resolved.audience));
  if (audiences.size === 1) {
    const details = new Set(operations.map((op) => op.resolved.detail));
    return {
      audience: operations[0].resolved.audience,
      audienceSource: details.size === 1 ? operations[0].resolved.detail : 'several sources',
    };
  }
  const external = operations.filter((op) => op.resolved.kind === 'external').length;
  const internal = operations.length - external;
  return { audience: `mixed (${external} external, ${internal} internal)` };
}

export function statusFromResult(uri: string, result: LintResult): StatusParams {
  const status: StatusParams = { uri, ruleset: result.ruleset, isOpenApi: result.isOpenApi, state: 'done' };
  if (result.rulesetError) status.rulesetError = result.rulesetError;
  if (result.isOpenApi) Object.assign(status, summarizeAudience(result.operations));
  const skipped = (result as { untrustedCodeSkipped?: boolean }).untrustedCodeSkipped;
  if (skipped) status.untrustedCodeSkipped = true;
  return status;
}
