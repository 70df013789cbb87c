// Turns text into a Spectral Document once, and decides whether it is an OpenAPI document at all:
// the extension lints every YAML/JSON file the user opens, and must stay silent on the ones that
// are not API descriptions (docker-compose.yaml, package.json, …).
import { Document } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import type { DocumentFormat } from './types';

export function detectFormat(filePath: string, text: string): DocumentFormat {
  if (/\.json$/i.test(filePath)) return 'json';
  if (/\.ya?ml$/i.test(filePath)) return 'yaml';
  return /^\uFEFF?\s*[{[]/.test(text) ? 'json' : 'yaml';
}

// A root-level `openapi:`/`swagger:` key, also in documents too broken to parse (so their syntax
// errors are still reported). JSON puts it anywhere in the root object: accept it at depth 1 by indentation.
const OPENAPI_MARKER = /^(?:\uFEFF)?[ \t]{0,4}["']?(?:openapi|swagger)["']?[ \t]*:/m;

export function looksLikeOpenApi(text: string): boolean {
  return OPENAPI_MARKER.test(text.slice(0, 20000)) || OPENAPI_MARKER.test(text);
}

export function isOpenApiData(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const root = data as Record<string, unknown>;
  return (typeof root.openapi === 'string' && /^3\./.test(root.openapi)) || String(root.swagger) === '2.0';
}

export function createDocument(text: string, filePath: string, format: DocumentFormat): Document<unknown, any> {
  // Spectral's position-tracking parsers; BOMs confuse them, and offsets stay aligned if we blank it out.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  return format === 'json' ? new Document(source, Parsers.Json, filePath) : new Document(source, Parsers.Yaml, filePath);
}
