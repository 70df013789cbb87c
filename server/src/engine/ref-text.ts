// What a `$ref` says, read from text or plain data: whether a document may reference other files, and which file
// and JSON path a reference names. Apart from ref-graph.ts, which parses documents: the language server's own
// thread asks these questions without loading the parsers and Spectral.
import * as nodePath from 'node:path';
import type { JsonPath } from './types';
import { isUrl } from './paths';

/**
 * A `$ref` key with a string on its line: its value (group 2; group 1 is its opening quote). The key stands
 * alone (Microsoft Graph's spec has thousands of path keys ending in "/$ref", which are not references).
 */
const REF_ON_LINE = /(?:^|[\s{,"'])\$ref["']?[ \t]*:[ \t]*(["']?)([^\s"',}\]]*)/gm;

/**
 * Cheap test on text: may this document `$ref` other files (or URLs)? Most documents only have local refs.
 * A `$ref` key whose value is an object or a list is a schema property named `$ref` (Kubernetes', GitHub
 * Enterprise's specs), not a reference. A `$ref` whose value is not on its line (YAML) is settled from the
 * parsed `data` when given, else taken for a reference.
 */
export function hasExternalRefs(text: string, data?: unknown): boolean {
  let unsure = false;
  REF_ON_LINE.lastIndex = 0;
  for (let match = REF_ON_LINE.exec(text); match; match = REF_ON_LINE.exec(text)) {
    const [, quote, value] = match;
    if (!quote && (value === '' || value.startsWith('{') || value.startsWith('['))) unsure ||= value === '';
    else if (value !== '' && !value.startsWith('#')) return true;
  }
  return unsure && (data === undefined || hasExternalRefIn(data));
}

/** A `$ref` key with a string value that does not start with "#", anywhere in the data. */
function hasExternalRefIn(data: unknown): boolean {
  const stack: unknown[] = [data];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const ref = (node as { $ref?: unknown }).$ref;
    if (!Array.isArray(node) && typeof ref === 'string' && !ref.startsWith('#')) return true;
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return false;
}

/** A `$ref` value split into the file it names (absolute; undefined for a local ref) and the JSON path after '#'. */
export function parseRef(ref: string, fromFile: string): { file?: string; remote?: string; pointer: JsonPath } {
  const hash = ref.indexOf('#');
  const filePart = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = pointerToPath(hash < 0 ? '' : ref.slice(hash + 1));
  if (filePart === '') return { pointer };
  if (isUrl(filePart)) return { remote: filePart, pointer };
  let decoded = filePart;
  try {
    decoded = decodeURIComponent(filePart);
  } catch {
    // a stray '%': use it as written
  }
  if (decoded.startsWith('file://')) decoded = decoded.slice('file://'.length);
  return { file: nodePath.resolve(nodePath.dirname(fromFile), decoded), pointer };
}

/** RFC 6901 pointer ("/paths/~1pets") → ["paths", "/pets"]. */
export function pointerToPath(pointer: string): JsonPath {
  const trimmed = pointer.replace(/^\/+/, '');
  if (trimmed === '') return [];
  return trimmed.split('/').map((segment) => {
    let s = segment;
    try {
      s = decodeURIComponent(s);
    } catch {
      // keep it
    }
    return s.replace(/~1/g, '/').replace(/~0/g, '~');
  });
}
