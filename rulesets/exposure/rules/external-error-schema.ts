// external-error-schema: an external client handles errors with one piece of code. So every error
// response (4xx, 5xx, `4XX`/`5XX`, `default`) of the external operations documents a body schema, and
// they all share one: the same schema (descriptions and examples aside), or one that extends it with
// `allOf`. RFC 9457 `application/problem+json` is the recommended shape; any single shape passes.
// HEAD operations are skipped (their responses have no body). No quick fix: which shape wins is a
// design decision.
import type { JsonObject, JsonPath } from '../../../server/src/engine/rules-api';
import { errorResponses, schemaShape } from '../lib/errors';
import type { AudiencedOperation } from '../lib/per-operation';
import { addToGroup, documentRule, ResultSet } from '../lib/shared';
import type { RuleMeta } from '../lib/exposure-rule';

export const meta: RuleMeta<'external-error-schema'> = {
  code: 'external-error-schema',
  severity: 'warn',
  appliesTo: 'external',
  description:
    'The error responses of external operations document a body schema, and share one error schema (RFC 9457 problem+json recommended).',
};

interface Seen {
  path: JsonPath;
  schema: JsonObject;
  shape: string;
  /** How many (operation, status) pairs use this response. */
  uses: number;
  /** The operations that use it. */
  users: AudiencedOperation[];
}

/** A schema that is the main one, or extends it (`allOf` with the main one as a member). */
function compatible(schema: JsonObject, main: string): boolean {
  if (schemaShape(schema) === main) return true;
  return Array.isArray(schema.allOf) && schema.allOf.some((member) => schemaShape(member) === main);
}

export const check = documentRule(({ document, operations }) => {
  const results = new ResultSet();
  const withSchema: Seen[] = [];
  const seenResponses = new Set<object>();
  const uses = new Map<object, number>();
  const usesOf = (response: object) => uses.get(response) ?? 1;
  // A shared ($ref'd) response is one object in the resolved document: the operations that use it.
  const users = new Map<object, AudiencedOperation[]>();
  const external = operations.filter((op) => op.resolved.kind === 'external' && op.method !== 'head');
  for (const op of external) {
    for (const error of errorResponses(document, op)) {
      uses.set(error.response, (uses.get(error.response) ?? 0) + 1);
      addToGroup(users, error.response, op);
    }
  }
  for (const op of external) {
    for (const error of errorResponses(document, op)) {
      if (seenResponses.has(error.response)) continue; // a shared response is judged once
      seenResponses.add(error.response);
      if (!error.schema) {
        results.add(
          error.jsonPath,
          `This ${error.status} error response of external operations documents no body schema: ` +
            'external clients cannot tell what an error contains (document one error schema, e.g. RFC 9457 application/problem+json)',
          users.get(error.response),
        );
        continue;
      }
      // One error format is about what clients parse: JSON bodies (an HTML error page is another matter).
      if (error.schema.mediaType && !/json/i.test(error.schema.mediaType)) continue;
      withSchema.push({
        path: error.schema.jsonPath,
        schema: error.schema.value,
        shape: schemaShape(error.schema.value),
        uses: usesOf(error.response),
        users: users.get(error.response) ?? [op],
      });
    }
  }
  // The main schema is the one most (operation, status) pairs use; ties go to the first in document order.
  const counts = new Map<string, number>();
  for (const { shape, uses } of withSchema) counts.set(shape, (counts.get(shape) ?? 0) + uses);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (main === undefined) return results.results;
  for (const seen of withSchema.filter((s) => !compatible(s.schema, main))) {
    results.add(
      seen.path,
      'This error schema differs from the one most error responses of external operations use: ' +
        'external clients need one error format (use the same schema, or extend it with allOf)',
      seen.users,
    );
  }
  return results.results;
});
