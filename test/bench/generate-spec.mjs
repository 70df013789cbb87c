// Deterministic, realistic OpenAPI 3.0 documents of a requested size, for the benchmark (no network,
// so no real-world specs to download). The same seed and size always give the same text.
// Each "resource" adds CRUD paths with path/query parameters, request bodies, $ref'd schemas with
// examples, shared responses and a mix of external and internal operations, about 10% of them with
// the kind of gaps real specs have (no 429, no code samples, no scopes), so rules produce findings.
import { Document, isPair, isScalar, visit } from 'yaml';

/** A small, fast, seedable PRNG (mulberry32): the generator must not depend on Math.random. */
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  'order',
  'invoice',
  'customer',
  'shipment',
  'product',
  'review',
  'payment',
  'refund',
  'coupon',
  'warehouse',
  'supplier',
  'ticket',
  'account',
  'report',
  'webhook',
  'device',
];
const WORDS = ['quick', 'stable', 'regional', 'archived', 'pending', 'primary', 'shared', 'legacy', 'premium', 'partner', 'batch', 'draft'];
const SUB = ['items', 'notes', 'events', 'attachments'];
const EXTERNAL = ['external-public', 'external-partner'];
const INTERNAL = ['company-internal', 'business-unit-internal', 'component-internal'];

/** The operation whose description the benchmark types into; its text is unique in the document. */
export const EDIT_MARKER = 'Typing target for the benchmark';

/**
 * YAML the way people write it: short leaf mappings and lists in flow style (`{ type: string }`,
 * `[a, b]`), everything else in block style.
 */
function stringify(value) {
  const document = new Document(value);
  const makeFlowIfShortLeaf = (_key, node) => {
    if (node.items.length > 0 && node.items.length <= 4 && node.items.every((item) => isScalar(isPair(item) ? item.value : item)))
      node.flow = true;
  };
  visit(document, { Map: makeFlowIfShortLeaf, Seq: makeFlowIfShortLeaf });
  return document.toString({ lineWidth: 0 });
}

const pick = (random, list) => list[Math.floor(random() * list.length)];
const pascal = (s) => s.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());

function baseDocument() {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Generated Commerce API',
      version: '2.4.0',
      description: 'A generated API for benchmarking: many resources, some public, some internal.',
      contact: { name: 'API team', url: 'https://developer.example.com/support', email: 'api@example.com' },
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    servers: [{ url: 'https://api.example.com/v2', description: 'Production' }],
    tags: [],
    paths: {},
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', example: 'not_found' },
            message: { type: 'string', example: 'The resource was not found' },
          },
        },
      },
      parameters: {
        PageSize: {
          name: 'pageSize',
          in: 'query',
          description: 'Items per page',
          schema: { type: 'integer', minimum: 1, maximum: 100, example: 20 },
        },
        PageToken: {
          name: 'pageToken',
          in: 'query',
          description: 'Opaque cursor from the previous page',
          schema: { type: 'string', example: 'eyJvIjoxMH0' },
        },
      },
      headers: {
        RateLimit: {
          description: 'Remaining quota in the current window',
          schema: { type: 'string', example: 'limit=100, remaining=99, reset=30' },
        },
      },
      responses: {
        TooManyRequests: {
          description: 'Too many requests',
          headers: {
            'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', example: 30 } },
            RateLimit: { $ref: '#/components/headers/RateLimit' },
          },
        },
        NotFound: { description: 'Not found', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
      securitySchemes: {
        publicAuth: {
          type: 'oauth2',
          description: 'Customer-facing OAuth 2',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://auth.example.com/authorize',
              tokenUrl: 'https://auth.example.com/token',
              scopes: {},
            },
          },
        },
        staffAuth: {
          type: 'oauth2',
          description: 'Staff single sign-on',
          flows: { clientCredentials: { tokenUrl: 'https://sso.example.internal/token', scopes: {} } },
        },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}

function resourceSchema(random, name, index) {
  const properties = {
    id: { type: 'string', format: 'uuid', example: `3f1c${String(index).padStart(4, '0')}-8a2b-4c1d-9e0f-1234567890ab` },
    status: { type: 'string', enum: ['active', 'pending', 'closed'], example: 'active' },
    createdAt: { type: 'string', format: 'date-time', example: '2024-05-01T12:00:00Z' },
  };
  const fieldCount = 4 + Math.floor(random() * 6);
  for (let i = 0; i < fieldCount; i++) {
    const word = pick(random, WORDS);
    const kind = random();
    properties[`${word}${pascal(name)}Field${i}`] =
      kind < 0.4
        ? { type: 'string', description: `The ${word} value of the ${name}`, example: `${word}-${index}-${i}` }
        : kind < 0.7
          ? { type: 'integer', format: 'int32', minimum: 0, example: Math.floor(random() * 1000) }
          : kind < 0.85
            ? { type: 'boolean', example: random() < 0.5 }
            : { type: 'array', items: { type: 'string' }, example: [word, `${word}-2`] };
  }
  return { type: 'object', description: `A ${name}.`, required: ['id', 'status'], properties };
}

function operation(random, { id, summary, description, tag, audience, scope, schemaRef, params = [], body, success, list }) {
  const external = EXTERNAL.includes(audience);
  const gap = random(); // ~10% of operations miss one requirement, like real specs do
  const op = { operationId: id, summary, description, tags: [tag], 'x-audience': audience };
  if (params.length) op.parameters = params;
  if (external) {
    op.security = [{ publicAuth: [scope] }];
    if (gap >= 0.05) {
      op['x-codeSamples'] = [
        { lang: 'Shell', label: 'curl', source: `curl https://api.example.com/v2/${tag} -H "Authorization: Bearer $TOKEN"` },
        {
          lang: 'JavaScript',
          source: `const res = await fetch('https://api.example.com/v2/${tag}', { headers: { Authorization: 'Bearer ' + token } });`,
        },
      ];
    }
  } else {
    op.security = [{ staffAuth: gap < 0.04 ? [] : [scope] }];
  }
  if (body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: { $ref: schemaRef }, example: body } },
    };
  }
  const content = { 'application/json': { schema: list ? { type: 'array', items: { $ref: schemaRef } } : { $ref: schemaRef } } };
  op.responses = {
    [success]: { description: 'Success', headers: { RateLimit: { $ref: '#/components/headers/RateLimit' } }, content },
    404: { $ref: '#/components/responses/NotFound' },
  };
  if (!(external && gap >= 0.05 && gap < 0.1)) op.responses['429'] = { $ref: '#/components/responses/TooManyRequests' };
  return op;
}

/** Adds one resource (schemas, scopes, paths); returns the fragment, so its size can be counted. */
function addResource(random, doc, index, editTarget) {
  const noun = `${pick(random, NOUNS)}${index}`;
  const collection = `/${noun}s`;
  const idParam = {
    name: `${noun}Id`,
    in: 'path',
    required: true,
    description: `Id of the ${noun}`,
    schema: { type: 'string', format: 'uuid' },
  };
  const schemaName = pascal(noun);
  const schemaRef = `#/components/schemas/${schemaName}`;
  const schema = resourceSchema(random, noun, index);
  // The first resource is always public, so even a one-resource document mixes audiences.
  const audience = index === 0 ? 'external-public' : random() < 0.55 ? pick(random, EXTERNAL) : pick(random, INTERNAL);
  const external = EXTERNAL.includes(audience);
  const [readScope, writeScope, adminScope] = [`${noun}:read`, `${noun}:write`, `${noun}:admin`];
  const schemes = doc.components.securitySchemes;
  const scopes = external ? schemes.publicAuth.flows.authorizationCode.scopes : schemes.staffAuth.flows.clientCredentials.scopes;
  scopes[readScope] = `Read ${noun}s`;
  scopes[writeScope] = `Create and change ${noun}s`;
  // Public resources are deleted by staff only: an internal operation next to external ones.
  const deletion = external ? { audience: 'company-internal', scope: adminScope } : { audience, scope: writeScope };
  if (external) schemes.staffAuth.flows.clientCredentials.scopes[adminScope] = `Delete ${noun}s`;
  const example = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, v.example]));
  const sub = pick(random, SUB);
  const common = { tag: noun, audience, schemaRef };
  const paths = {
    [collection]: {
      get: operation(random, {
        ...common,
        id: `list${schemaName}s`,
        summary: `List ${noun}s`,
        description: `Lists the ${noun}s the caller can see, newest first.`,
        scope: readScope,
        params: [
          { $ref: '#/components/parameters/PageSize' },
          { $ref: '#/components/parameters/PageToken' },
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['active', 'pending', 'closed'] } },
        ],
        success: 200,
        list: true,
      }),
      post: operation(random, {
        ...common,
        id: `create${schemaName}`,
        summary: `Create a ${noun}`,
        description: `Creates a ${noun}.`,
        scope: writeScope,
        body: example,
        success: 201,
      }),
    },
    [`${collection}/{${noun}Id}`]: {
      parameters: [idParam],
      get: operation(random, {
        ...common,
        id: `get${schemaName}`,
        summary: `Get a ${noun}`,
        description: editTarget ? `${EDIT_MARKER}` : `Returns one ${noun} by id.`,
        scope: readScope,
        success: 200,
      }),
      put: operation(random, {
        ...common,
        id: `update${schemaName}`,
        summary: `Replace a ${noun}`,
        description: `Replaces a ${noun}.`,
        scope: writeScope,
        body: example,
        success: 200,
      }),
      delete: operation(random, {
        ...common,
        ...deletion,
        id: `delete${schemaName}`,
        summary: `Delete a ${noun}`,
        description: `Deletes a ${noun}.`,
        success: 200,
      }),
    },
    [`${collection}/{${noun}Id}/${sub}`]: {
      parameters: [idParam],
      get: operation(random, {
        ...common,
        id: `list${schemaName}${pascal(sub)}`,
        summary: `List the ${sub} of a ${noun}`,
        description: `Lists the ${sub} attached to a ${noun}.`,
        scope: readScope,
        params: [{ $ref: '#/components/parameters/PageSize' }],
        success: 200,
        list: true,
      }),
    },
  };
  Object.assign(doc.paths, paths);
  doc.components.schemas[schemaName] = schema;
  doc.tags.push({ name: noun, description: `Operations on ${noun}s` });
  return { paths, schema };
}

/**
 * A YAML OpenAPI 3.0.3 document of about `targetBytes` characters (never much less; at most one
 * resource more). `editOffset` is where the benchmark types: the end of an operation's description
 * roughly in the middle of the document.
 */
export function generateSpec({ targetBytes, seed = 42 }) {
  const random = prng(seed);
  const doc = baseDocument();
  const baseSize = stringify(doc).length;
  // Estimate the resource count from the first few, then generate exactly that many, so the edit
  // target (the middle resource) is known before generating it.
  const probe = baseDocument();
  const probeRandom = prng(seed);
  let probeSize = 0;
  const probes = 4;
  for (let i = 0; i < probes; i++) probeSize += stringify(addResource(probeRandom, probe, i, false)).length;
  const count = Math.max(1, Math.ceil((targetBytes - baseSize) / (probeSize / probes)));
  const middle = Math.floor(count / 2);
  for (let i = 0; i < count; i++) addResource(random, doc, i, i === middle);
  const text = `# Generated by test/bench/generate-spec.mjs (seed ${seed}, ${count} resources)\n${stringify(doc)}`;
  const markerAt = text.indexOf(EDIT_MARKER);
  if (markerAt < 0) throw new Error('edit marker missing from the generated document');
  return { text, resources: count, editOffset: markerAt + EDIT_MARKER.length };
}
