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
import type { AudienceConfig, JsonPath, OperationRef, ResolvedAudience } from './types';
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
  /** "rule\0JSON path" → the operations a result outside them concerns (see noteConcerns); filled by rules. */
  concerns?: Map<string, OperationRef[]>;
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
  documentInventory?: {
    resolved?: unknown;
    findAssociatedItemForPath?(path: JsonPath, resolved: boolean): { path: JsonPath } | null;
  };
  path?: readonly (string | number)[];
  /** Spectral's Rule (its `name` is there at run time, though not in the IRule type). */
  rule?: object;
}

const concernKey = (rule: string, path: readonly (string | number)[]) => `${rule}\0${JSON.stringify(path.map(String))}`;

/**
 * Records which operations a rule's result concerns, for a result written outside them (a server, a
 * security scheme, a shared schema): hover, CodeLens and the inventory then count it against those operations.
 * `path` is the result's path as the rule returns it; it is mapped, as Spectral maps the result, to where the
 * node is written (the target of a `$ref`), so the finding is found by the path it is reported at.
 */
export function noteConcerns(
  functionContext: RuleFunctionContextLike,
  path: readonly (string | number)[],
  operations: readonly OperationRef[],
): void {
  const rule = (functionContext.rule as { name?: unknown } | undefined)?.name;
  if (typeof rule !== 'string' || operations.length === 0) return;
  const written = functionContext.documentInventory?.findAssociatedItemForPath?.([...path], true)?.path ?? path;
  const context = exposureContextOf(functionContext.document);
  const concerns = (context.concerns ??= new Map<string, OperationRef[]>());
  const key = concernKey(rule, written);
  const list = concerns.get(key) ?? [];
  const known = new Set(list.map((op) => operationKey(op.path, op.method)));
  for (const op of operations) {
    const method = op.method.toLowerCase();
    if (known.has(operationKey(op.path, method))) continue;
    known.add(operationKey(op.path, method));
    list.push({ path: op.path, method });
  }
  concerns.set(key, list);
}

/** The operations a finding of `rule` at `path` concerns, as its rule recorded them. */
export function concernsOf(context: ExposureContext, rule: string, path: readonly (string | number)[]): OperationRef[] | undefined {
  return context.concerns?.get(concernKey(rule, path));
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
export function getOperationAudience(
  target: RuleFunctionContextLike | object,
  path?: readonly (string | number)[],
): ResolvedAudience | undefined {
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
