// What a text is (JSON or YAML, an OpenAPI description or not), told from the text alone: the CLI's main thread
// and the file scans ask this without loading the parsers and Spectral's Document (server/src/engine/document.ts).
import type { DocumentFormat } from './types';

export function detectFormat(filePath: string, text: string): DocumentFormat {
  if (/\.json$/i.test(filePath)) return 'json';
  if (/\.ya?ml$/i.test(filePath)) return 'yaml';
  return /^\uFEFF?\s*[{[]/.test(text) ? 'json' : 'yaml';
}

// A root-level `openapi:`/`swagger:` key, also in documents too broken to parse (so their syntax
// errors are still reported). JSON puts it anywhere in the root object: accept it at depth 1 by indentation.
const OPENAPI_MARKER = /^(?:\uFEFF)?[ \t]{0,4}["']?(?:openapi|swagger)["']?[ \t]*:/m;

// Minified JSON has no line starts to anchor on: accept the version key anywhere near the top.
const MINIFIED_JSON_MARKER = /^\uFEFF?\s*\{[^]*?"(?:openapi"\s*:\s*"3\.|swagger"\s*:\s*"2\.0")/;

export function looksLikeOpenApi(text: string): boolean {
  const head = text.slice(0, 20000);
  return OPENAPI_MARKER.test(head) || MINIFIED_JSON_MARKER.test(head) || OPENAPI_MARKER.test(text);
}

export function isOpenApiData(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const root = data as Record<string, unknown>;
  return (typeof root.openapi === 'string' && /^3\./.test(root.openapi)) || String(root.swagger) === '2.0';
}
