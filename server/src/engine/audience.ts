// The audience model: who an operation is exposed to, and why we think so.
// Most specific declaration wins: operation → path item → document (info/root) →
// glob mapping → configured default → fallback (external-public, the safe assumption).
import picomatch from 'picomatch';
import { AUDIENCES, EXTERNAL_AUDIENCES, INTERNAL_AUDIENCES } from './types';
import type { Audience, AudienceConfig, AudienceGlob, AudienceKind, AudienceSource, JsonPath, ResolvedAudience } from './types';
import { isObject, listOperations } from './openapi';
import { basenameOf, relativeInside } from './paths';
import type { JsonObject } from './openapi';
import { BoundedMap } from './bounded-map';

export function isAudience(value: unknown): value is Audience {
  return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);
}
export function isExternal(audience: Audience): boolean {
  return (EXTERNAL_AUDIENCES as readonly string[]).includes(audience);
}
export function isInternal(audience: Audience): boolean {
  return (INTERNAL_AUDIENCES as readonly string[]).includes(audience);
}
export function audienceKind(audience: Audience): AudienceKind {
  return isExternal(audience) ? 'external' : 'internal';
}

export const FALLBACK_AUDIENCE: Audience = 'external-public';
export const FALLBACK_DETAIL = 'no audience declared: treated as external';

interface Declaration {
  audience: Audience;
  detail: string;
}

/**
 * The audience one object (operation or path item) declares. A valid `x-audience` wins over
 * `x-internal`; invalid values are ignored here (the audience-declared rule reports them).
 */
function declaredOn(node: JsonObject, where: string): Declaration | undefined {
  if (isAudience(node['x-audience'])) return { audience: node['x-audience'], detail: `${where} x-audience` };
  if (node['x-internal'] === true) return { audience: 'company-internal', detail: `${where} x-internal: true` };
  if (node['x-internal'] === false) return { audience: 'external-public', detail: `${where} x-internal: false` };
  return undefined;
}

/** Document-wide keys, in precedence order. */
const DOCUMENT_AUDIENCE_KEYS: { holder: 'info' | 'root'; key: string }[] = [
  { holder: 'info', key: 'x-audience' },
  { holder: 'info', key: 'x-api-audience' },
  { holder: 'root', key: 'x-audience' },
  { holder: 'root', key: 'x-api-audience' },
];

/** The audience the whole document declares (info.x-audience, root x-audience / x-api-audience). */
export function documentAudience(data: unknown): { audience: Audience; source: AudienceSource; detail: string } | undefined {
  if (!isObject(data)) return undefined;
  for (const { holder, key } of DOCUMENT_AUDIENCE_KEYS) {
    const node = holder === 'info' ? data.info : data;
    if (isObject(node) && isAudience(node[key])) {
      return { audience: node[key], source: 'info', detail: holder === 'info' ? `info.${key}` : `root ${key}` };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Glob mapping

/** Compiled globs, per glob string. Bound: 256 globs (settings and rulesets rarely have more than a few dozen). */
const matcherCache = new BoundedMap<string, (candidate: string) => boolean>(256);

function matcher(glob: string): (candidate: string) => boolean {
  let match = matcherCache.get(glob);
  if (!match) {
    match = picomatch(glob, { dot: true });
    matcherCache.set(glob, match);
  }
  return match;
}

/** The paths a glob is matched against; none when the file lies outside the glob's baseDir. */
function candidatesFor(mapping: AudienceGlob, filePath: string): string[] {
  if (mapping.baseDir) {
    const relative = relativeInside(filePath, mapping.baseDir);
    return relative ? [relative] : [];
  }
  // No baseDir: match the path as given, and the bare file name for globs like "*.internal.yaml".
  return [filePath.replace(/\\/g, '/'), basenameOf(filePath)];
}

/** The first glob mapping that matches the file, if any. */
export function globAudience(config: AudienceConfig, filePath: string | undefined): AudienceGlob | undefined {
  if (!filePath || !config.audienceByGlob) return undefined;
  return config.audienceByGlob.find(
    (mapping) => isAudience(mapping.audience) && candidatesFor(mapping, filePath).some((candidate) => matcher(mapping.glob)(candidate)),
  );
}

/** Where a mapping was declared, short: a ruleset file is shown relative to the glob's baseDir. */
export function globOriginLabel(mapping: AudienceGlob): string {
  return (mapping.baseDir && relativeInside(mapping.origin, mapping.baseDir)) || mapping.origin;
}

export function globDetail(mapping: AudienceGlob): string {
  return `glob ${mapping.glob} (${globOriginLabel(mapping)})`;
}

/** What applies to an operation that declares nothing itself and whose document declares nothing. */
export function fileLevelAudience(config: AudienceConfig, filePath: string | undefined): ResolvedAudience {
  const mapping = globAudience(config, filePath);
  if (mapping) return resolvedAudience(mapping.audience, 'glob', globDetail(mapping));
  if (isAudience(config.defaultAudience)) return resolvedAudience(config.defaultAudience, 'default', 'configured default audience');
  return resolvedAudience(FALLBACK_AUDIENCE, 'fallback', FALLBACK_DETAIL);
}

export function resolvedAudience(audience: Audience, source: AudienceSource, detail: string): ResolvedAudience {
  return { audience, kind: audienceKind(audience), source, detail };
}

// ---------------------------------------------------------------------------------------------
// Operations

/** The audience declared on the operation or its path item, without document/file-level defaults. */
export function operationLevelAudience(operation: JsonObject, pathItem: JsonObject): ResolvedAudience | undefined {
  const onOperation = declaredOn(operation, 'operation');
  if (onOperation) return resolvedAudience(onOperation.audience, 'operation', onOperation.detail);
  const onPath = declaredOn(pathItem, 'path item');
  if (onPath) return resolvedAudience(onPath.audience, 'path', onPath.detail);
  return undefined;
}

export interface OperationAudienceEntry {
  path: string;
  method: string;
  jsonPath: JsonPath;
  resolved: ResolvedAudience;
}

/** Every operation of the document with its effective audience, in document order. */
export function resolveOperationAudiences(data: unknown, config: AudienceConfig, filePath?: string): OperationAudienceEntry[] {
  const operations = listOperations(data);
  if (operations.length === 0) return [];
  const document = documentAudience(data);
  let fileLevel: ResolvedAudience | undefined;
  const inherited = (): ResolvedAudience => {
    if (document) return resolvedAudience(document.audience, document.source, document.detail);
    return (fileLevel ??= fileLevelAudience(config, filePath));
  };
  return operations.map((op) => ({
    path: op.path,
    method: op.method,
    jsonPath: op.jsonPath,
    resolved: operationLevelAudience(op.operation, op.pathItem) ?? inherited(),
  }));
}

// ---------------------------------------------------------------------------------------------
// Invalid declarations (reported by the exposure-audience-declared rule)

export interface InvalidAudienceDeclaration {
  /** Path to the offending value. */
  jsonPath: JsonPath;
  message: string;
}

const VALID_LIST = AUDIENCES.join(', ');

function checkNode(node: unknown, at: JsonPath, keys: string[], checkInternal: boolean, out: InvalidAudienceDeclaration[]) {
  if (!isObject(node)) return;
  for (const key of keys) {
    if (!(key in node) || isAudience(node[key])) continue;
    out.push({
      jsonPath: [...at, key],
      message: `${key} ${JSON.stringify(node[key])} is not a valid audience; use one of: ${VALID_LIST}`,
    });
  }
  if (checkInternal && 'x-internal' in node && typeof node['x-internal'] !== 'boolean') {
    out.push({ jsonPath: [...at, 'x-internal'], message: `x-internal ${JSON.stringify(node['x-internal'])} must be true or false` });
  }
}

/** Audience declarations whose value is ignored because it is not one of the known audiences. */
export function invalidAudienceDeclarations(data: unknown): InvalidAudienceDeclaration[] {
  const out: InvalidAudienceDeclaration[] = [];
  if (!isObject(data)) return out;
  checkNode(data.info, ['info'], ['x-audience', 'x-api-audience'], false, out);
  checkNode(data, [], ['x-audience', 'x-api-audience'], false, out);
  if (isObject(data.paths)) {
    const seenPaths = new Set<string>();
    for (const op of listOperations(data)) {
      if (!seenPaths.has(op.path)) {
        seenPaths.add(op.path);
        checkNode(op.pathItem, ['paths', op.path], ['x-audience'], true, out);
      }
      checkNode(op.operation, op.jsonPath, ['x-audience'], true, out);
    }
  }
  return out;
}
