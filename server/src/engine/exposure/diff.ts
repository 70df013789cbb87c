// What a change to an OpenAPI document changes in who can reach what: compares the exposure of two
// versions of one document (see snapshot.ts) operation by operation. Operations are matched by method
// and path, then by operationId (an operation that moved to another path). Each change says whether it
// needs a security review: anything that lets more people in, or lets them in with less proof.
import { operationLabel } from '../openapi';
import type { Audience, JsonPath, ResolvedAudience } from '../types';
import type { DocumentExposure, OperationExposure, SecurityAlternativeExposure } from './snapshot';

export const EXPOSURE_CHANGE_KINDS = [
  'audience-widened',
  'audience-narrowed',
  'operation-added',
  'operation-removed',
  'operation-moved',
  'security-removed',
  'anonymous-access-added',
  'oauth-alternative-removed',
  'scopes-removed',
  'scheme-type-changed',
  'public-server-added',
  'rate-limit-documentation-removed',
] as const;
export type ExposureChangeKind = (typeof EXPOSURE_CHANGE_KINDS)[number];

/** One-line descriptions of each kind, for SARIF rule metadata and the docs. */
export const EXPOSURE_CHANGE_DESCRIPTIONS: Record<ExposureChangeKind, string> = {
  'audience-widened': 'An operation is exposed to a wider audience than before.',
  'audience-narrowed': 'An operation is exposed to a narrower audience than before.',
  'operation-added': 'A new operation.',
  'operation-removed': 'An operation was removed.',
  'operation-moved': 'An operation moved to another method or path (same operationId).',
  'security-removed': 'An operation that required authentication no longer declares any security requirement.',
  'anonymous-access-added': 'An operation now allows anonymous access ({} in its security list).',
  'oauth-alternative-removed': 'A security alternative using OAuth 2 / OpenID Connect was removed.',
  'scopes-removed': 'A security requirement asks for fewer scopes than before.',
  'scheme-type-changed': 'A security scheme changed type (e.g. oauth2 to apiKey).',
  'public-server-added': 'A server not marked x-internal: true was added.',
  'rate-limit-documentation-removed': 'An operation no longer documents its rate limiting (429 response or rate-limit headers).',
};

export interface ChangedOperation {
  method: string;
  path: string;
  operationId?: string;
}

export interface ExposureChange {
  kind: ExposureChangeKind;
  /** The change needs a security review (an option of the CLI turns this into exit code 1). */
  review: boolean;
  /** One line, without the file name. */
  message: string;
  operation?: ChangedOperation;
  /** The operation's audience after the change (before it, for removed operations). */
  audience?: Audience;
  /** Audience before and after, with where each came from (audience changes only). */
  audienceBefore?: ResolvedAudience;
  audienceAfter?: ResolvedAudience;
  /** Where to point: a JSON path in the new version, or in the old one for things that are gone. */
  jsonPath: JsonPath;
  side: 'after' | 'before';
}

/** Narrowest first: a higher rank reaches more people. */
const AUDIENCE_RANK: Record<Audience, number> = {
  'component-internal': 0,
  'business-unit-internal': 1,
  'company-internal': 2,
  'external-partner': 3,
  'external-public': 4,
};

const isExternalAudience = (audience: Audience) => AUDIENCE_RANK[audience] >= AUDIENCE_RANK['external-partner'];
const isOAuthType = (type: string) => type === 'oauth2' || type === 'openIdConnect';

function audienceText(a: ResolvedAudience): string {
  return `${a.audience} (${a.detail})`;
}

function alternativeText(alternative: SecurityAlternativeExposure): string {
  if (alternative.schemes.length === 0) return '{} (anonymous)';
  // The type is shown where it is not OAuth: "key (apiKey)" tells a reviewer what replaced a token.
  return alternative.schemes
    .map((s) => `${s.name}${s.scopes.length ? ` [${s.scopes.join(', ')}]` : ''}${isOAuthType(s.type) ? '' : ` (${s.type})`}`)
    .join(' + ');
}

function describe(op: ChangedOperation): ChangedOperation {
  return { method: op.method, path: op.path, ...(op.operationId ? { operationId: op.operationId } : {}) };
}

/** Pairs operations of the two versions: same method and path first, then the same (unique) operationId. */
function matchOperations(before: OperationExposure[], after: OperationExposure[]) {
  const key = (op: OperationExposure) => `${op.method} ${op.path}`;
  const beforeByKey = new Map(before.map((op) => [key(op), op]));
  const pairs: Array<{ before?: OperationExposure; after?: OperationExposure; moved?: boolean }> = [];
  const matched = new Set<OperationExposure>();
  const unmatchedAfter: OperationExposure[] = [];
  for (const op of after) {
    const old = beforeByKey.get(key(op));
    if (old && !matched.has(old)) {
      matched.add(old);
      pairs.push({ before: old, after: op });
    } else {
      unmatchedAfter.push(op);
      pairs.push({ after: op });
    }
  }
  const uniqueIds = (ops: OperationExposure[]) => {
    const counts = new Map<string, number>();
    for (const op of ops) if (op.operationId) counts.set(op.operationId, (counts.get(op.operationId) ?? 0) + 1);
    return counts;
  };
  const leftBefore = before.filter((op) => !matched.has(op));
  const idsBefore = uniqueIds(leftBefore);
  const idsAfter = uniqueIds(unmatchedAfter);
  const beforeById = new Map(
    leftBefore.filter((op) => op.operationId && idsBefore.get(op.operationId) === 1).map((op) => [op.operationId!, op]),
  );
  for (const pair of pairs) {
    const id = pair.after?.operationId;
    if (pair.before || !id || idsAfter.get(id) !== 1) continue;
    const old = beforeById.get(id);
    if (old) {
      matched.add(old);
      pair.before = old;
      pair.moved = true;
    }
  }
  for (const op of before) if (!matched.has(op)) pairs.push({ before: op });
  return pairs;
}

function audienceChanges(before: OperationExposure, after: OperationExposure, label: string): ExposureChange[] {
  const from = AUDIENCE_RANK[before.audience.audience];
  const to = AUDIENCE_RANK[after.audience.audience];
  if (from === to) return [];
  const widened = to > from;
  return [
    {
      kind: widened ? 'audience-widened' : 'audience-narrowed',
      review: widened,
      message: `${label}: audience ${widened ? 'widened' : 'narrowed'} from ${audienceText(before.audience)} to ${audienceText(after.audience)}`,
      audienceBefore: before.audience,
      audienceAfter: after.audience,
      jsonPath: after.jsonPath,
      side: 'after',
    },
  ];
}

function securityChanges(before: OperationExposure, after: OperationExposure, label: string): ExposureChange[] {
  const changes: ExposureChange[] = [];
  const add = (kind: ExposureChangeKind, message: string) =>
    changes.push({ kind, review: true, message: `${label}: ${message}`, jsonPath: after.jsonPath, side: 'after' });
  if (after.alternatives.length === 0) {
    if (before.alternatives.length > 0) {
      const how = after.securitySource === 'none' ? 'no security requirement applies any more' : 'security: [] now disables it';
      add('security-removed', `security removed (was ${before.alternatives.map(alternativeText).join(' or ')}; ${how})`);
    }
    return changes;
  }
  const anonymous = (alternatives: SecurityAlternativeExposure[]) => alternatives.some((a) => a.schemes.length === 0);
  if (before.alternatives.length > 0 && !anonymous(before.alternatives) && anonymous(after.alternatives)) {
    add('anonymous-access-added', 'anonymous access added ({} in the security list)');
  }
  // An OAuth alternative is kept when some alternative still requires the same OAuth schemes.
  const oauthSet = (a: SecurityAlternativeExposure) =>
    a.schemes
      .filter((s) => isOAuthType(s.type))
      .map((s) => s.name)
      .sort()
      .join(' + ');
  const afterOAuth = new Set(after.alternatives.map(oauthSet).filter(Boolean));
  for (const alternative of before.alternatives) {
    const set = oauthSet(alternative);
    if (set && !afterOAuth.has(set)) {
      add(
        'oauth-alternative-removed',
        `OAuth alternative ${alternativeText(alternative)} removed; now: ${after.alternatives.map(alternativeText).join(' or ')}`,
      );
      afterOAuth.add(set); // once per distinct alternative
    }
  }
  // Scopes a scheme asked for before and no longer asks for, in any alternative that still uses it.
  const scopesOf = (alternatives: SecurityAlternativeExposure[]) => {
    const map = new Map<string, Set<string>>();
    for (const a of alternatives)
      for (const s of a.schemes) for (const scope of s.scopes) (map.get(s.name) ?? map.set(s.name, new Set()).get(s.name)!).add(scope);
    return map;
  };
  const usedAfter = new Set(after.alternatives.flatMap((a) => a.schemes.map((s) => s.name)));
  const scopesAfter = scopesOf(after.alternatives);
  for (const [scheme, scopes] of scopesOf(before.alternatives)) {
    if (!usedAfter.has(scheme)) continue;
    const removed = [...scopes].filter((scope) => !scopesAfter.get(scheme)?.has(scope));
    if (removed.length) add('scopes-removed', `scopes removed from ${scheme}: ${removed.join(', ')}`);
  }
  return changes;
}

function rateLimitChanges(before: OperationExposure, after: OperationExposure, label: string): ExposureChange[] {
  const lost: string[] = [];
  if (before.rateLimit.tooManyRequests && !after.rateLimit.tooManyRequests) lost.push('its 429 response');
  if (before.rateLimit.headers && !after.rateLimit.headers) lost.push('its rate-limit headers');
  if (lost.length === 0) return [];
  return [
    {
      kind: 'rate-limit-documentation-removed',
      review: isExternalAudience(after.audience.audience),
      message: `${label}: rate-limit documentation removed (${lost.join(' and ')})`,
      jsonPath: after.jsonPath,
      side: 'after',
    },
  ];
}

function added(op: OperationExposure): ExposureChange {
  return {
    kind: 'operation-added',
    review: isExternalAudience(op.audience.audience),
    message: `${operationLabel(op)} added, exposed to ${audienceText(op.audience)}`,
    jsonPath: op.jsonPath,
    side: 'after',
  };
}

function removed(op: OperationExposure): ExposureChange {
  return {
    kind: 'operation-removed',
    review: false,
    message: `${operationLabel(op)} removed (was exposed to ${audienceText(op.audience)})`,
    jsonPath: op.jsonPath,
    side: 'before',
  };
}

function documentLevelChanges(before: DocumentExposure | undefined, after: DocumentExposure): ExposureChange[] {
  const changes: ExposureChange[] = [];
  const publicBefore = new Set((before?.servers ?? []).filter((s) => !s.internal).map((s) => s.url));
  after.servers.forEach((server) => {
    if (server.internal || publicBefore.has(server.url)) return;
    publicBefore.add(server.url);
    changes.push({
      kind: 'public-server-added',
      review: true,
      message: `public server ${server.url} added (not marked x-internal: true)`,
      jsonPath: server.jsonPath,
      side: 'after',
    });
  });
  if (before) {
    for (const [name, type] of Object.entries(after.schemes)) {
      const old = before.schemes[name];
      if (old === undefined || old === type) continue;
      const users = after.operations.filter((op) => op.alternatives.some((a) => a.schemes.some((s) => s.name === name))).length;
      changes.push({
        kind: 'scheme-type-changed',
        review: true,
        message: `security scheme ${name} changed type from ${old} to ${type} (used by ${users} operation${users === 1 ? '' : 's'})`,
        jsonPath: [...after.schemesAt, name],
        side: 'after',
      });
    }
  }
  return changes;
}

/**
 * The exposure changes from `before` to `after`. A missing `before` (the file is new) makes every
 * operation and server new; a missing `after` (the file is gone) removes every operation.
 */
export function diffExposure(before: DocumentExposure | undefined, after: DocumentExposure | undefined): ExposureChange[] {
  if (!after) return (before?.operations ?? []).map((op) => withOperation(removed(op), op, op));
  const changes = documentLevelChanges(before, after);
  for (const pair of matchOperations(before?.operations ?? [], after.operations)) {
    if (pair.after && !pair.before) changes.push(withOperation(added(pair.after), pair.after, pair.after));
    else if (pair.before && !pair.after) changes.push(withOperation(removed(pair.before), pair.before, pair.before));
    else if (pair.before && pair.after) {
      const label = operationLabel(pair.after);
      const found: ExposureChange[] = [];
      if (pair.moved) {
        found.push({
          kind: 'operation-moved',
          review: false,
          message: `${operationLabel(pair.before)} moved to ${label} (operationId ${pair.after.operationId})`,
          jsonPath: pair.after.jsonPath,
          side: 'after',
        });
      }
      found.push(
        ...audienceChanges(pair.before, pair.after, label),
        ...securityChanges(pair.before, pair.after, label),
        ...rateLimitChanges(pair.before, pair.after, label),
      );
      changes.push(...found.map((c) => withOperation(c, pair.after!, pair.after!)));
    }
  }
  return changes;
}

function withOperation(change: ExposureChange, op: OperationExposure, audienceOf: OperationExposure): ExposureChange {
  return { ...change, operation: describe(op), audience: audienceOf.audience.audience };
}

/** Counts of operations per audience, before and after: the "operations added or removed per audience" table. */
export function operationsPerAudience(exposure: DocumentExposure | undefined): Partial<Record<Audience, number>> {
  const counts: Partial<Record<Audience, number>> = {};
  for (const op of exposure?.operations ?? []) counts[op.audience.audience] = (counts[op.audience.audience] ?? 0) + 1;
  return counts;
}
