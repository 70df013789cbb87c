// Does a document that is not OpenAPI look like a piece of one (a path item or an operation written in a
// file of its own)? Only then is "no root uses this file" worth saying: most YAML files are something else.
import { parse } from 'yaml';
import { HTTP_METHODS, isObject } from './openapi';

export function looksLikeFragmentData(data: unknown): boolean {
  if (!isObject(data)) return false;
  if (
    isObject(data.responses) &&
    (typeof data.operationId === 'string' || 'summary' in data || 'parameters' in data || 'requestBody' in data)
  )
    return true;
  const methods = Object.keys(data).filter((key) => (HTTP_METHODS as readonly string[]).includes(key));
  return (
    methods.length > 0 && methods.every((method) => isObject(data[method]) && isObject((data[method] as Record<string, unknown>).responses))
  );
}

/** The same check on text; small documents only (it parses them). */
export function looksLikeFragment(text: string): boolean {
  if (text.length > 1_000_000 || !/\bresponses\b/.test(text)) return false;
  try {
    return looksLikeFragmentData(parse(text, { maxAliasCount: 100, uniqueKeys: false }));
  } catch {
    return false;
  }
}
