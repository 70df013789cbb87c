// exposure-audience-declared: every other exposure rule depends on knowing who an operation
// is for. Say so when the document leaves it to a glob, a default or the external fallback,
// and when an x-audience value is misspelt (it is then silently ignored by resolution).
// The quick fixes declare an audience (one action per audience, the one in effect first) or correct a
// misspelt x-audience / x-internal value where it is written.
import type { IFunctionResult, RulesetFunction } from '@stoplight/spectral-core';
import {
  AUDIENCES,
  documentAudience,
  FALLBACK_AUDIENCE,
  getIn,
  globAudience,
  globOriginLabel,
  invalidAudienceDeclarations,
  isAudience,
  isObject,
  listOperations,
  noteConcerns,
  operationLevelAudience,
  setValue,
} from '../../../server/src/engine/rules-api';
import type { ExposureConfig, Fixer, JsonPath, OperationEntry, PlannedFix } from '../../../server/src/engine/rules-api';
import { exposureRule } from '../lib/exposure-rule';
import { exposureConfigOf } from '../lib/per-operation';

const CODE = 'exposure-audience-declared';

function appliedInstead(config: ExposureConfig): string {
  const mapping = globAudience(config, config.filePath);
  if (mapping) return `the glob ${mapping.glob} from ${globOriginLabel(mapping)} applies ${mapping.audience}`;
  if (isAudience(config.defaultAudience)) return `the configured default audience ${config.defaultAudience} applies`;
  return `operations are treated as ${FALLBACK_AUDIENCE} (no audience declared)`;
}

/** The document-level result, and the operations it concerns (those that fall back to a glob, default or external-public). */
function undeclaredDocumentResult(
  document: unknown,
  config: ExposureConfig,
): (IFunctionResult & { path: JsonPath; concerns: OperationEntry[] }) | undefined {
  if (documentAudience(document)) return undefined;
  const operations = listOperations(document);
  const undeclared = operations.filter((op) => !operationLevelAudience(op.operation, op.pathItem));
  if (undeclared.length === 0) return undefined;
  const hasInfo = isObject(document) && isObject(document.info);
  const [n, m] = [undeclared.length, operations.length];
  return {
    message:
      `The document declares no audience (info.x-audience) and ${n} of ${m} operation${m === 1 ? '' : 's'} ` +
      `${n === 1 ? 'has no x-audience of its own' : 'have no x-audience of their own'}; ${appliedInstead(config)}`,
    path: hasInfo ? ['info'] : [],
    concerns: undeclared,
  };
}

const audienceDeclared: RulesetFunction<unknown, unknown> = (document, _options, context) => {
  const results: IFunctionResult[] = [];
  try {
    for (const invalid of invalidAudienceDeclarations(document)) results.push({ message: invalid.message, path: invalid.jsonPath });
  } catch {
    // keep going: the document-level check is independent
  }
  try {
    const result = undeclaredDocumentResult(document, exposureConfigOf(context));
    if (result) {
      noteConcerns(context, result.path, result.concerns);
      results.push({ message: result.message, path: result.path });
    }
  } catch {
    // an odd document must not crash the lint run
  }
  return results;
};

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

const fixAudienceDeclared: Fixer<typeof CODE> = (ctx) => {
  const { finding, data } = ctx;
  const last = finding.path[finding.path.length - 1];
  if (last === 'x-audience' || last === 'x-api-audience') {
    const value = getIn(data, finding.path);
    if (isAudience(value)) return [];
    const written = String(value ?? '').toLowerCase();
    const closest = [...AUDIENCES].sort((a, b) => editDistance(written, a) - editDistance(written, b))[0];
    return AUDIENCES.map((audience): PlannedFix<typeof CODE> => ({
      title: `Change ${last} to ${audience}`,
      id: `exposure-audience-declared/value/${audience}`,
      isPreferred: audience === closest,
      safe: false,
      ops: [setValue(finding.path, audience)],
    }));
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
  if (documentAudience(data)) return [];
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

export const exposureAudienceDeclared = exposureRule({
  code: CODE,
  severity: 'warn',
  appliesTo: 'document',
  description: 'The API declares its audience (info.x-audience or per operation) with a valid value.',
  function: audienceDeclared,
  fixers: [fixAudienceDeclared],
});
