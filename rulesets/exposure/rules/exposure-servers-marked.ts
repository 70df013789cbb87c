// exposure-servers-marked: when one document serves external and internal operations, readers (and tools
// such as gateways and OWASP's `owasp:api9:2023-inventory-access` rule) need to know which server is for
// whom. Every server object of such a document (root, path item, operation) says so with a boolean
// `x-internal` (or a valid `x-audience`). The quick fix adds `x-internal` when every operation the server
// serves declares its audience in the document and all have the same kind; otherwise it is the author's call.
import {
  documentAudience,
  type Fixer,
  getIn,
  isAudience,
  isObject,
  type JsonObject,
  listOperations,
  operationLevelAudience,
  setValue,
} from '../../../server/src/engine/rules-api';
import { allServers, operationServers } from '../lib/servers';
import { addToGroup, documentRule, ResultSet, withNumericIndexes } from '../lib/shared';
import type { RuleMeta } from '../lib/exposure-rule';

export const meta: RuleMeta<'exposure-servers-marked'> = {
  code: 'exposure-servers-marked',
  severity: 'warn',
  appliesTo: 'document',
  description: 'A document with both external and internal operations marks each server with x-internal.',
  // OWASP's inventory rule asks every root server for x-internal: on the servers this rule reports, it is reported once, here.
  overlaps: ['owasp:api9:2019-inventory-access', 'owasp:api9:2023-inventory-access'],
};

const isMarked = (server: JsonObject) => typeof server['x-internal'] === 'boolean' || isAudience(server['x-audience']);

export const check = documentRule(({ document, operations }) => {
  const kinds = new Set(operations.map((op) => op.resolved.kind));
  if (kinds.size < 2) return [];
  const results = new ResultSet();
  // Server location → the operations it serves (their readers are the ones left guessing).
  const servedBy = new Map<string, typeof operations>();
  for (const op of operations) {
    for (const { jsonPath } of operationServers(document, op)) {
      const key = JSON.stringify(jsonPath);
      addToGroup(servedBy, key, op);
    }
  }
  for (const { server, jsonPath } of allServers(document, operations)) {
    if (isMarked(server)) continue;
    results.add(
      jsonPath,
      `The document has external and internal operations, but the server ${String(server.url ?? '')} does not say which it is for: ` +
        'add x-internal: true (internal network) or x-internal: false (reachable from the Internet)',
      servedBy.get(JSON.stringify(jsonPath)) ?? [],
    );
  }
  return results.results;
});

export const fix: Fixer<'exposure-servers-marked'> = (ctx) => {
  const path = withNumericIndexes(ctx.finding.path);
  if (!isObject(getIn(ctx.data, path))) return [];
  const key = JSON.stringify(path.map(String)); // Spectral's paths hold indexes as strings
  const docLevel = documentAudience(ctx.data);
  const kinds = new Set<string>();
  let served = 0;
  for (const op of listOperations(ctx.data)) {
    if (!operationServers(ctx.data, op).some((s) => JSON.stringify(s.jsonPath.map(String)) === key)) continue;
    served++;
    // Only audiences the document itself declares: globs and defaults live in settings the fix cannot see.
    const resolved =
      operationLevelAudience(op.operation, op.pathItem)?.kind ??
      (docLevel && (docLevel.audience.startsWith('external') ? 'external' : 'internal'));
    kinds.add(resolved ?? 'unknown');
  }
  if (served === 0 || kinds.size !== 1 || kinds.has('unknown')) return [];
  const internal = kinds.has('internal');
  return [
    {
      title: `Mark this server x-internal: ${internal} (it serves only ${internal ? 'internal' : 'external'} operations)`,
      id: 'exposure-servers-marked/x-internal',
      isPreferred: true,
      safe: true,
      ops: [setValue([...path, 'x-internal'], internal)],
    },
  ];
};
