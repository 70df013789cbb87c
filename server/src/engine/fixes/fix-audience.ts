// exposure-audience-declared: say who the API is for (one action per audience), or correct a
// misspelt x-audience / x-internal value where it is written.
import { AUDIENCES } from '../types';
import { setValue } from './edit-ops';
import { getIn, isObject } from './openapi-model';
import type { Fixer, PlannedFix } from './plan';

const isAudience = (value: unknown) => typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);

/** Same precedence as the engine: info.x-audience, info.x-api-audience, root x-audience, root x-api-audience. */
function documentDeclaresAudience(data: unknown): boolean {
  const info = getIn(data, ['info']);
  return [info, data].some((holder) => isObject(holder) && (isAudience(holder['x-audience']) || isAudience(holder['x-api-audience'])));
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

export const fixAudienceDeclared: Fixer = (ctx) => {
  const { finding, data } = ctx;
  const last = finding.path[finding.path.length - 1];
  if (last === 'x-audience' || last === 'x-api-audience') {
    const value = getIn(data, finding.path);
    if (isAudience(value)) return [];
    const written = String(value ?? '').toLowerCase();
    const closest = [...AUDIENCES].sort((a, b) => editDistance(written, a) - editDistance(written, b))[0];
    return AUDIENCES.map(
      (audience): PlannedFix => ({
        title: `Change ${last} to ${audience}`,
        id: `exposure-audience-declared/value/${audience}`,
        isPreferred: audience === closest,
        safe: false,
        ops: [setValue(finding.path, audience)],
      }),
    );
  }
  if (last === 'x-internal') {
    if (typeof getIn(data, finding.path) === 'boolean') return [];
    return [true, false].map((flag) => ({
      title: `Change x-internal to ${flag}`,
      id: `exposure-audience-declared/x-internal/${flag}`,
      safe: false,
      ops: [setValue(finding.path, flag)],
    }));
  }
  if (documentDeclaresAudience(data)) return [];
  const hasInfo = isObject(getIn(data, ['info']));
  return AUDIENCES.map((audience) => ({
    title: `Declare this API as ${audience}`,
    id: `exposure-audience-declared/${audience}`,
    // Which audience is right is the author's call; the one already in effect (e.g. from a glob) comes first.
    isPreferred: finding.audience === audience,
    safe: false,
    ops: [hasInfo ? setValue(['info', 'x-audience'], audience) : setValue(['info'], { 'x-audience': audience })],
  }));
};
