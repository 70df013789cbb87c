// exposure-audience-declared: every other exposure rule depends on knowing who an operation
// is for. Say so when the document leaves it to a glob, a default or the external fallback,
// and when an x-audience value is misspelt (it is then silently ignored by resolution).
import type { IFunctionResult, RulesetFunction } from '@stoplight/spectral-core';
import {
  documentAudience,
  FALLBACK_AUDIENCE,
  globAudience,
  globOriginLabel,
  invalidAudienceDeclarations,
  isAudience,
  operationLevelAudience,
} from '../../../server/src/engine/audience';
import type { ExposureConfig } from '../../../server/src/engine/exposure-context';
import { isObject, listOperations } from '../../../server/src/engine/openapi';
import { exposureConfigOf } from './per-operation';

function appliedInstead(config: ExposureConfig): string {
  const mapping = globAudience(config, config.filePath);
  if (mapping) return `the glob ${mapping.glob} from ${globOriginLabel(mapping)} applies ${mapping.audience}`;
  if (isAudience(config.defaultAudience)) return `the configured default audience ${config.defaultAudience} applies`;
  return `operations are treated as ${FALLBACK_AUDIENCE} (no audience declared)`;
}

function undeclaredDocumentResult(document: unknown, config: ExposureConfig): IFunctionResult | undefined {
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
  };
}

export const audienceDeclared: RulesetFunction<unknown, unknown> = (document, _options, context) => {
  const results: IFunctionResult[] = [];
  try {
    for (const invalid of invalidAudienceDeclarations(document)) results.push({ message: invalid.message, path: invalid.jsonPath });
  } catch {
    // keep going: the document-level check is independent
  }
  try {
    const result = undeclaredDocumentResult(document, exposureConfigOf(context));
    if (result) results.push(result);
  } catch {
    // an odd document must not crash the lint run
  }
  return results;
};
