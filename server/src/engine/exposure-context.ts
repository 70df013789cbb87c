// What a lint knows about exposure, attached to the Spectral Document being linted, so that rule functions
// (built-in and custom) read it instead of re-resolving it: the audience configuration (defaults, globs)
// and each operation's resolved audience. The linter resolves the audiences once per lint and puts them
// here; rules look them up. Operations the linter could not see (path items `$ref`'d from other files)
// are resolved on first request and cached for the rest of the lint.
//
// The context is stored on the Document under a global symbol (not in a module-level WeakMap) so that a
// team's custom function that requires its own copy of `api-exposure-lint` still reads what the running
// engine attached. Outside our linter (plain Spectral CLI) nothing is attached: audiences are then resolved
// with no configuration, from the document alone.
import type { AudienceConfig, JsonPath, ResolvedAudience } from './types';
import { documentAudience, fileLevelAudience, operationLevelAudience, resolvedAudience } from './audience';
import { getIn, isObject, operationPathOf } from './openapi';

export type ExposureConfig = AudienceConfig & {
  /** Absolute path of the linted file, matched against the audience globs. */
  filePath?: string;
};

export interface ExposureContext {
  config: ExposureConfig;
  /** "path\0method" → the operation's audience: filled by the linter, completed on demand. */
  audiences: Map<string, ResolvedAudience>;
}

const CONTEXT = Symbol.for('api-exposure-lint/exposure-context');

type Holder = { [CONTEXT]?: ExposureContext };

export function operationKey(path: string, method: string): string {
  return `${path}\0${method.toLowerCase()}`;
}

export function setExposureContext(document: object, context: ExposureContext): void {
  Object.defineProperty(document, CONTEXT, { value: context, configurable: true, enumerable: false, writable: true });
}

/** The context attached to a document; one is created (no configuration) when nothing was attached. */
export function exposureContextOf(document: object | undefined): ExposureContext {
  if (!document) return { config: {}, audiences: new Map() };
  const holder = document as Holder;
  if (!holder[CONTEXT]) {
    const source = (document as { source?: unknown }).source;
    setExposureContext(document, { config: typeof source === 'string' ? { filePath: source } : {}, audiences: new Map() });
  }
  return holder[CONTEXT]!;
}

/** Attaches the audience configuration only (audiences are resolved on demand). */
export function setExposureConfig(document: object, config: ExposureConfig): void {
  setExposureContext(document, { config, audiences: new Map() });
}

/** The configuration set for this document, or `{}` (e.g. when run by the plain Spectral CLI). */
export function getExposureConfig(document: object | undefined): ExposureConfig {
  return (document && (document as Holder)[CONTEXT]?.config) || {};
}

/** What a Spectral rule function receives as its third argument (the part we use). */
export interface RuleFunctionContextLike {
  document: object;
  documentInventory?: { resolved?: unknown };
  path?: readonly (string | number)[];
}

function isFunctionContext(value: object): value is RuleFunctionContextLike {
  return 'document' in value && typeof (value as { document?: unknown }).document === 'object';
}

/**
 * The resolved audience of the operation a JSON path belongs to (the path of the operation itself or of
 * anything under it), or undefined when the path is not under an operation.
 *
 * `target` is the context Spectral passes to a rule function (the third argument), or the Document.
 * `path` defaults to the context's `path` (where the rule's `given` matched).
 *
 * ```js
 * const { getOperationAudience } = require('api-exposure-lint');
 * module.exports = (operation, options, context) => {
 *   const audience = getOperationAudience(context);   // { audience, kind, source, detail }
 *   if (audience?.kind !== 'external') return [];
 *   …
 * };
 * ```
 */
export function getOperationAudience(target: RuleFunctionContextLike | object, path?: readonly (string | number)[]): ResolvedAudience | undefined {
  const functionContext = isFunctionContext(target) ? target : undefined;
  const document = functionContext ? functionContext.document : target;
  const operationPath = operationPathOf(path ?? functionContext?.path ?? []);
  if (!operationPath) return undefined;
  const [, pathKey, method] = operationPath.map(String);
  const context = exposureContextOf(document);
  const key = operationKey(pathKey, method);
  const known = context.audiences.get(key);
  if (known) return known;
  // Resolved data sees path items `$ref`'d from other files; the Document's own data is the fallback.
  const data = functionContext?.documentInventory?.resolved ?? (document as { data?: unknown }).data;
  const resolved = resolveOne(data, operationPath, context.config);
  if (resolved) context.audiences.set(key, resolved);
  return resolved;
}

function resolveOne(data: unknown, operationPath: JsonPath, config: ExposureConfig): ResolvedAudience | undefined {
  const operation = getIn(data, operationPath);
  const pathItem = getIn(data, operationPath.slice(0, 2));
  if (!isObject(operation) || !isObject(pathItem)) return undefined;
  const declared = operationLevelAudience(operation, pathItem);
  if (declared) return declared;
  const document = documentAudience(data);
  if (document) return resolvedAudience(document.audience, document.source, document.detail);
  return fileLevelAudience(config, config.filePath);
}
