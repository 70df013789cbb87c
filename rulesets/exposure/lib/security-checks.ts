// Security-requirement checks shared by external-oauth2 and internal-permission-scopes:
// both must reject "no security", "security: []" and the anonymous "{}" alternative.
import { schemesOf, securityIn } from './lint-memo';
import type { EffectiveSecurity, JsonObject } from '../../../server/src/engine/rules-api';

export interface SecurityView {
  security: EffectiveSecurity;
  schemes: Record<string, JsonObject>;
}

export function securityOf(document: unknown, operation: JsonObject): SecurityView {
  // Memoized per lint: four rules ask this of every operation.
  return {
    security: securityIn(document, operation),
    schemes: typeof document === 'object' && document !== null ? schemesOf(document) : {},
  };
}

/** A problem that makes per-alternative checks meaningless (no requirement at all), or undefined. */
export function missingSecurity({ security }: SecurityView): string | undefined {
  if (security.source === 'none') return 'it declares no security requirement (neither on the operation nor at the root)';
  if (security.alternatives.length === 0) {
    return security.source === 'operation'
      ? 'the operation sets security: [], which disables authentication'
      : 'the root sets security: [], which disables authentication';
  }
  return undefined;
}

/** Per-alternative problems every audience shares: anonymous access and undefined schemes. */
export function alternativeBasics(view: SecurityView, alternative: Record<string, string[]>, index: number): string[] {
  const names = Object.keys(alternative);
  if (names.length === 0) return [`alternative ${index + 1} ({}) allows anonymous access`];
  return names.filter((name) => !view.schemes[name]).map((name) => `alternative ${index + 1} names undefined scheme '${name}'`);
}

export function inheritedNote({ security }: SecurityView): string {
  return security.source === 'root' ? ' (security inherited from the root)' : '';
}
