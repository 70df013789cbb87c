// Shared helpers for engine tests: the built engine, a temp workspace and a one-call lint.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../../shared/scratch.mjs';

const require = createRequire(import.meta.url);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const engine = require(path.join(repoRoot, 'dist/engine.js'));
export const workerScript = path.join(repoRoot, 'dist/lint-worker.js');

export const trusted = { trustWorkspaceCode: true, allowRemote: false, allowedRoots: [] };
export const untrusted = { trustWorkspaceCode: false, allowRemote: false, allowedRoots: [] };

/** Creates a temp folder holding `files` ({ relative path: content }); returns its absolute path. */
export function workspace(files) {
  const root = scratchDir('ael-');
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export async function lintFile(file, options = {}, linter = new engine.Linter(engine.createNodeHost())) {
  return linter.lint({ filePath: file, text: readFileSync(file, 'utf8'), trust: trusted, ...options });
}

export const codes = (result) => result.findings.map((f) => f.code);

/**
 * A small external OpenAPI 3 document that fails the external rules (apiKey, no 429, no samples), and only those:
 * it documents 401/403 (a 4XX problem response) and how to get a key, which other external rules ask for.
 */
export const EXTERNAL_API = `openapi: 3.0.3
info:
  title: Shop
  version: 1.0.0
  description: Shop API
  contact: { name: Shop, url: https://shop.example.com }
  x-audience: external-public
servers:
  - url: https://api.shop.example.com
tags:
  - name: items
    description: Items
paths:
  /items:
    get:
      operationId: listItems
      description: List items
      tags: [items]
      security:
        - key: []
      responses:
        '200':
          description: OK
        4XX:
          description: Client error
          content:
            application/problem+json:
              schema: { type: object, properties: { title: { type: string } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key, description: Get a key at https://developers.shop.example.com. }
`;
