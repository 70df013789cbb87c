// What makes two findings "the same finding" across versions of a file: the rule, the file (relative,
// "/"-separated) and the JSON path, never line numbers. SARIF partialFingerprints, GitLab fingerprints,
// baselines and --new-only all use it, so a moved block or a reformatted file keeps its identity.
import { createHash } from 'node:crypto';
import type { Finding } from '../engine/types';

/**
 * Problems of the run rather than of the document (a rule function threw or ran too long, the
 * document could not be linted). Baselines and --new-only never hide them.
 */
export const OPERATIONAL_CODES: ReadonlySet<string> = new Set([
  'rule-error',
  'rule-timeout',
  'ruleset-error',
  'lint-timeout',
  'lint-error',
]);

/** Codes that end the run with exit 2: a ruleset function failed, so the results are incomplete. */
export const RULE_FAILURE_CODES: ReadonlySet<string> = new Set(['rule-error', 'rule-timeout', 'ruleset-error']);

export function isOperational(finding: Finding): boolean {
  return OPERATIONAL_CODES.has(finding.code);
}

export function fingerprint(ruleId: string, relativeFile: string, path: Finding['path']): string {
  // JSON-encode the parts so no choice of separator can make two different inputs collide.
  return createHash('sha256')
    .update(JSON.stringify([ruleId, relativeFile, path]))
    .digest('hex');
}

/** A multiset of fingerprints: each recorded occurrence excuses one finding. */
export class FingerprintCounter {
  private readonly counts = new Map<string, number>();

  constructor(fingerprints: Iterable<string> = []) {
    for (const fp of fingerprints) this.add(fp);
  }

  add(fp: string): void {
    this.counts.set(fp, (this.counts.get(fp) ?? 0) + 1);
  }

  /** true (and one occurrence used up) when `fp` was recorded. */
  take(fp: string): boolean {
    const n = this.counts.get(fp) ?? 0;
    if (n === 0) return false;
    this.counts.set(fp, n - 1);
    return true;
  }
}
