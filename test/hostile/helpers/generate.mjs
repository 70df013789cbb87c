// Hostile fixtures, generated at test time into a temp folder (nothing big is committed).
// Every generator returns text or bytes; fixtureRoot() writes them under a fresh folder that is
// its own "repository" (it has a .git entry), so $ref containment and ruleset discovery stop there.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { scratchDirAsync } from '../../shared/scratch.mjs';

/** An external API secured by an API key: exactly one external-oauth2 error, at paths./orders.get. */
export const EXTERNAL_SPEC = `openapi: 3.0.3
info:
  title: Orders
  version: 1.0.0
  description: Orders for the public.
  contact: { name: Orders team, email: orders@example.com }
  x-audience: external-public
servers:
  - url: https://api.example.com
tags:
  - name: orders
    description: Orders.
paths:
  /orders:
    get:
      operationId: listOrders
      summary: List orders
      description: Lists the orders.
      tags: [orders]
      security:
        - apiKey: []
      x-codeSamples:
        - lang: Shell
          source: curl https://api.example.com/orders
      responses:
        '200':
          description: The orders.
          headers:
            RateLimit: { schema: { type: string } }
        '401': { $ref: '#/components/responses/Problem' }
        '403': { $ref: '#/components/responses/Problem' }
        '429':
          description: Too many requests.
          headers:
            Retry-After: { schema: { type: integer } }
          content:
            application/problem+json: { schema: { $ref: '#/components/schemas/Problem' } }
components:
  responses:
    Problem:
      description: A problem.
      content:
        application/problem+json: { schema: { $ref: '#/components/schemas/Problem' } }
  schemas:
    Problem: { type: object, properties: { title: { type: string }, status: { type: integer } } }
  securitySchemes:
    apiKey: { type: apiKey, in: header, name: X-Key, description: 'Get a key at https://developer.example.com/keys' }
`;

/** The code the good document must always yield, whatever hostile neighbours it has. */
export const GOOD_CODE = 'external-oauth2';

/** A small valid document whose only purpose is to carry `extra` YAML at the root. */
export function specWith(extra) {
  return `openapi: 3.0.3\ninfo: { title: Hostile, version: '1', x-audience: company-internal }\npaths: {}\n${extra}`;
}

/** "Billion laughs": `levels` anchors, each a list of `fanout` aliases of the previous one (9^12 ≈ 2.8e11 nodes). */
export function aliasBomb(levels = 12, fanout = 9) {
  const lines = ['x-bomb:', `  l0: &l0 [${Array(fanout).fill('"lol"').join(', ')}]`];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `  l${i}: &l${i} [${Array(fanout)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return specWith(lines.join('\n') + '\n');
}

/** Modest alias use that real specs have (shared response headers): must still lint. */
export function friendlyAliases() {
  return specWith(`x-shared:\n  base: &base { type: string, description: shared }\n  a: *base\n  b: *base\n  c: [*base, *base]\n`);
}

export const deepJson = (depth) =>
  `{"openapi":"3.0.3","info":{"title":"Deep","version":"1"},"paths":{},"x-deep":${'['.repeat(depth)}${']'.repeat(depth)}}`;
export const deepYamlFlow = (depth) => specWith(`x-deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
/** Block-style nesting without quadratic indentation: compact sequences `- - - - x`. */
export const deepYamlBlock = (depth) => specWith(`x-deep:\n  ${'- '.repeat(depth)}x\n`);

/** A valid YAML spec of roughly `bytes` characters: many operations, so Spectral has real work to do. */
export function largeSpec(bytes) {
  const head = specWith('').replace('paths: {}\n', 'paths:\n');
  const op = (i) =>
    `  /items/i${i}:\n    get:\n      operationId: get${i}\n      summary: Item ${i}\n      description: Returns item number ${i} of the inventory, with every field.\n      responses:\n        '200':\n          description: The item.\n          content:\n            application/json:\n              schema: { type: object, properties: { id: { type: string }, name: { type: string } } }\n`;
  const sample = op(0).length;
  const count = Math.ceil((bytes - head.length) / sample);
  const parts = [head];
  for (let i = 0; i < count; i++) parts.push(op(i));
  return parts.join('');
}

/** Over any size limit without building a structure: one huge description string. */
export function oversizedSpec(bytes) {
  const head = specWith('x-blob: ');
  return head + 'a'.repeat(Math.max(0, bytes - head.length - 1)) + '\n';
}

export const MALFORMED = {
  'unclosed-flow.yaml': specWith('x-broken: { a: [1, 2\n'),
  'bad-indent.yaml': 'openapi: 3.0.3\ninfo:\n  title: x\n    version: 1\n paths: {}\n',
  'tab-indent.yaml': 'openapi: 3.0.3\ninfo:\n\ttitle: x\n\tversion: "1"\npaths: {}\n',
  'unterminated-string.yaml': specWith('x-s: "never closed\n'),
  'duplicate-keys.yaml': specWith('x-dup: 1\nx-dup: 2\n'),
  'trailing-comma.json': '{"openapi": "3.0.3", "info": {"title": "x", "version": "1",}, "paths": {},}',
  'truncated.json': '{"openapi": "3.0.3", "info": {"title": "x", "vers',
  'only-key.yaml': 'openapi:\n',
  'empty.yaml': '',
  'nul-in-middle.yaml': null, // binary: written by writeFixtures
};

/** Deterministic pseudo-random bytes (no Math.random: failures must reproduce). */
export function junkBytes(length, { withNul = true, seed = 42 } = {}) {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const b = (x >> 16) & 0xff;
    bytes[i] = withNul ? b : b || 0x80;
  }
  return bytes;
}

export const NOT_OPENAPI = {
  'docker-compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n',
  'package.json': '{"name": "x", "version": "1.0.0", "openapi-ish": true}',
  'asyncapi.yaml': 'asyncapi: 2.6.0\ninfo: { title: x, version: "1" }\nchannels: {}\n',
  'scalar.yaml': '42\n',
  'list.json': '[1, 2, 3]',
  'openapi-1.yaml': 'openapi: 1.0\n', // not a version we lint (a YAML number, not 3.x)
};

/** EXTERNAL_SPEC in disguises that must not change its results: line endings, BOM, odd Unicode. */
export function unicodeVariants() {
  const crlf = EXTERNAL_SPEC.replace(/\n/g, '\r\n');
  const oddText = 'RTL \u202Eevil\u202C עברית مرحبا, emoji 🦄👩‍👩‍👧, zero-width \u200B, combining e\u0301';
  return {
    'crlf.yaml': crlf,
    'bom.yaml': '\uFEFF' + EXTERNAL_SPEC,
    'bom-crlf.yaml': '\uFEFF' + crlf,
    'unicode.yaml': EXTERNAL_SPEC.replace('description: Lists the orders.', `description: "${oddText}"`),
    // Escaped lone surrogates are legal in YAML double-quoted and JSON strings; their UTF-8 is not.
    'lone-surrogate.yaml': EXTERNAL_SPEC.replace('description: Lists the orders.', 'description: "lone \\uD800 high and \\uDC00 low"'),
    'unicode-keys.yaml': EXTERNAL_SPEC.replace('/orders:', '/órdenes/🦄/\u202Eabc:'),
  };
}

/** The same spec as JSON with a lone surrogate escape (JSON.stringify keeps it escaped). */
export function loneSurrogateJson() {
  return JSON.stringify(
    { openapi: '3.0.3', info: { title: 'lone \uD800 surrogate', version: '1', 'x-audience': 'company-internal' }, paths: {} },
    null,
    2,
  );
}

/** A fresh folder that is its own repository root, with `files` ({ relative: text | Buffer | null }) written. */
export async function fixtureRoot(files = {}) {
  const dir = await scratchDirAsync('ael-hostile-');
  await fs.mkdir(path.join(dir, '.git'));
  await writeFiles(dir, files);
  return { dir, file: (relative) => path.join(dir, relative), remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

export async function writeFiles(dir, files) {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content ?? junkBytes(256));
  }
}
