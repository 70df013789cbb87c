// external-auth-responses: strangers get credentials wrong. A secured external operation documents what
// happens then: 401 (missing or invalid credentials) and 403 (valid credentials, not allowed),
// or a `4XX` range that covers both. The quick fix references an existing 401/403 response when the
// document has one, else adds a shared one whose body is the error schema the document already uses
// (RFC 9457 `application/problem+json` when it uses none).
import {
  deref,
  getIn,
  isHttpMethod,
  isObject,
  setValue,
  type EditOp,
  type FixContext,
  type Fixer,
  type JsonObject as Json,
  type JsonPath,
  type SpecVersion,
} from '../../../server/src/engine/rules-api';
import { problemSchema } from './external-rate-limit';
import { perOperationRule } from '../lib/per-operation';
import { securityOf } from '../lib/security-checks';
import { responsesOf } from '../lib/lint-memo';
import { isErrorStatus } from '../lib/errors';
import type { RuleMeta } from '../lib/exposure-rule';

export const meta: RuleMeta<'external-auth-responses'> = {
  code: 'external-auth-responses',
  severity: 'warn',
  appliesTo: 'external',
  description: 'Secured external operations document 401 and 403 responses.',
  // OWASP asks every operation for a 401 (with a body): on the operations this rule reports, it is reported once, here.
  overlaps: ['owasp:api8:2019-define-error-responses-401', 'owasp:api8:2023-define-error-responses-401'],
};

const covered = (codes: string[], status: '401' | '403') => codes.includes(status) || codes.some((c) => /^4xx$/i.test(c));

function missingStatuses(operation: Json): ('401' | '403')[] {
  const codes = Object.keys(responsesOf(operation));
  return (['401', '403'] as const).filter((status) => !covered(codes, status));
}

export const check = perOperationRule('external', (document, op) => {
  const { security } = securityOf(document, op.operation);
  // Not secured (no security, `security: []` or only `{}`): nothing is refused. external-oauth2 reports the missing
  // security of an external operation; once secured, this rule asks for its 401 and 403.
  if (!security.alternatives.some((alternative) => Object.keys(alternative).length > 0)) return undefined;
  const missing = missingStatuses(op.operation);
  if (missing.length === 0) return undefined;
  const why = { '401': '401 (credentials missing or invalid)', '403': '403 (credentials valid, permission missing)' };
  return `is secured and does not document ${missing.map((s) => why[s]).join(' nor ')}`;
});

// ---------------------------------------------------------------------------------------------
// Quick fix

const NAMES: Record<'401' | '403', { name: string; pattern: RegExp; description: string }> = {
  '401': {
    name: 'Unauthorized',
    pattern: /^(401|unauthori[sz]ed|unauthenticated)/i,
    description: 'Unauthorized: credentials are missing or invalid.',
  },
  '403': {
    name: 'Forbidden',
    pattern: /^(403|forbidden)/i,
    description: 'Forbidden: the credentials do not grant access to this operation.',
  },
};

const responsesPath = (version: SpecVersion): JsonPath => (version === '2.0' ? ['responses'] : ['components', 'responses']);

function allOperations(data: unknown): JsonPath[] {
  const paths = getIn(data, ['paths']);
  if (!isObject(paths)) return [];
  return Object.entries(paths).flatMap(([p, item]) =>
    isObject(item)
      ? Object.keys(item)
          .filter((m) => isHttpMethod(m.toLowerCase()))
          .map((m) => ['paths', p, m])
      : [],
  );
}

/** An existing response for the status: a named component, else the `$ref` another operation uses. */
function existingRef(ctx: FixContext, status: '401' | '403'): string | undefined {
  const shared = getIn(ctx.data, responsesPath(ctx.version));
  const named = isObject(shared) ? Object.keys(shared).find((name) => NAMES[status].pattern.test(name)) : undefined;
  if (named) return `#/${[...responsesPath(ctx.version), named].map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
  for (const opPath of allOperations(ctx.data)) {
    const response = getIn(ctx.data, [...opPath, 'responses', status]);
    if (isObject(response) && typeof response.$ref === 'string' && response.$ref.startsWith('#/')) return response.$ref;
  }
  return undefined;
}

/** The error body the document uses most (media type + schema as written, `$ref` or inline), if any. */
function usualErrorBody(ctx: FixContext): { mediaType?: string; schema: unknown } | undefined {
  const counts = new Map<string, { count: number; mediaType?: string; schema: unknown }>();
  const count = (mediaType: string | undefined, schema: unknown) => {
    if (!isObject(schema)) return;
    const key = `${mediaType}\0${JSON.stringify(schema)}`;
    const entry = counts.get(key) ?? { count: 0, mediaType, schema };
    entry.count++;
    counts.set(key, entry);
  };
  for (const opPath of allOperations(ctx.data)) {
    const list = getIn(ctx.data, [...opPath, 'responses']);
    if (!isObject(list)) continue;
    for (const [status, raw] of Object.entries(list)) {
      const response = deref(ctx.data, raw);
      if (!isErrorStatus(status) || !isObject(response)) continue;
      if (ctx.version === '2.0') count(undefined, response.schema);
      else if (isObject(response.content)) {
        const types = Object.keys(response.content);
        const mediaType = types.find((t) => /^application\/problem\+json/i.test(t)) ?? types.find((t) => /json/i.test(t)) ?? types[0];
        const media = mediaType ? response.content[mediaType] : undefined;
        if (isObject(media)) count(mediaType, media.schema);
      }
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)[0];
}

const schemasPath = (version: SpecVersion): JsonPath => (version === '2.0' ? ['definitions'] : ['components', 'schemas']);

/**
 * The RFC 9457 problem schema to reference when the document has no error schema yet: an existing
 * `Problem` / `ProblemDetails` schema, else a new `Problem` (created once, by `ops`).
 */
function problemRef(ctx: FixContext): { ref: string; ops: EditOp[] } {
  const holder = getIn(ctx.data, schemasPath(ctx.version));
  const names = isObject(holder) ? Object.keys(holder) : [];
  const existing = names.find((name) => /^problem(details)?$/i.test(name));
  let name = existing ?? 'Problem';
  for (let i = 2; !existing && names.includes(name); i++) name = `Problem${i}`;
  const ref = `#/${[...schemasPath(ctx.version), name].join('/')}`;
  return { ref, ops: existing ? [] : [setValue([...schemasPath(ctx.version), name], problemSchema())] };
}

function newResponse(ctx: FixContext, status: '401' | '403', problem: () => string): Json {
  const description = NAMES[status].description;
  const usual = usualErrorBody(ctx);
  if (ctx.version === '2.0') return { description, schema: usual?.schema ?? { $ref: problem() } };
  if (usual) return { description, content: { [usual.mediaType ?? 'application/json']: { schema: usual.schema } } };
  return { description, content: { 'application/problem+json': { schema: { $ref: problem() } } } };
}

function freeName(ctx: FixContext, base: string): string {
  const shared = getIn(ctx.data, responsesPath(ctx.version));
  const taken = (name: string) => isObject(shared) && name in shared;
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}

export const fix: Fixer<'external-auth-responses'> = (ctx) => {
  const opPath = ctx.operationPath;
  const operation = opPath ? getIn(ctx.data, opPath) : undefined;
  if (!opPath || !isObject(operation)) return [];
  const missing = missingStatuses(operation);
  if (missing.length === 0) return [];
  const ops: EditOp[] = [];
  const componentOps: EditOp[] = [];
  const created: string[] = [];
  let problem: { ref: string; ops: EditOp[] } | undefined;
  const problemSchemaRef = () => {
    if (!problem) {
      problem = problemRef(ctx);
      if (problem.ops.length) created.push(String(problem.ref.split('/').pop()));
    }
    return problem.ref;
  };
  for (const status of missing) {
    let ref = existingRef(ctx, status);
    if (!ref) {
      const name = freeName(ctx, NAMES[status].name);
      componentOps.push(setValue([...responsesPath(ctx.version), name], newResponse(ctx, status, problemSchemaRef)));
      ref = `#/${[...responsesPath(ctx.version), name].join('/')}`;
      created.push(name);
    }
    ops.push(setValue([...opPath, 'responses', status], { $ref: ref }));
  }
  ops.push(...componentOps, ...(problem?.ops ?? []));
  return [
    {
      title: `Add ${missing.join(' and ')} response${missing.length > 1 ? 's' : ''}${created.length ? ` (${created.join(', ')}, created)` : ''}`,
      id: 'external-auth-responses/responses',
      isPreferred: true,
      safe: true,
      ops,
    },
  ];
};
