// external-code-samples-server: a code sample is copied and run as is. One that calls a staging host,
// a developer's machine or an old domain sends external developers somewhere the API does not serve
// them. Every absolute URL in an external operation's `x-codeSamples` / `x-code-samples` sources must
// start with one of the servers the operation is served by (server variables may take their enum
// values, or any value when they have no enum). Samples without a URL (SDK calls, `$BASE_URL/…`)
// pass, and so do operations served by relative server URLs, whose host is not known.
import { isOas2, isObject, type JsonObject } from '../../../server/src/engine/rules-api';
import { operationServers, serverUrl, swaggerSchemes, variableValues } from '../lib/servers';
import type { AudiencedOperation } from '../lib/per-operation';
import { documentRule, ResultSet } from '../lib/shared';
import type { RuleMeta } from '../lib/exposure-rule';

export const meta: RuleMeta<'external-code-samples-server'> = {
  code: 'external-code-samples-server',
  severity: 'warn',
  appliesTo: 'external',
  description: "An external operation's code samples call a server the document declares for it.",
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for URLs under a server URL template; undefined for relative server URLs. */
function serverPattern(server: JsonObject): { label: string; re: RegExp } | undefined {
  const url = serverUrl(server);
  if (url === undefined || !/^(\{[^}]+\}|[a-z][a-z0-9+.-]*):\/\//i.test(url)) return undefined;
  const base = url.replace(/\/+$/, '');
  let source = '';
  let last = 0;
  for (const m of base.matchAll(/\{([^}]+)\}/g)) {
    source += escape(base.slice(last, m.index));
    const values = variableValues(server, m[1]);
    const variable = isObject(server.variables) ? server.variables[m[1]] : undefined;
    source += isObject(variable) && Array.isArray(variable.enum) && values.length ? `(?:${values.map(escape).join('|')})` : '[^/?#\\s]*';
    last = m.index! + m[0].length;
  }
  source += escape(base.slice(last));
  return { label: url, re: new RegExp(`^${source}(?=[/?#]|$)`, 'i') };
}

/** Swagger 2.0: scheme://host + basePath, for each declared scheme (both when none is declared). */
function swaggerPatterns(document: JsonObject, op: AudiencedOperation): { label: string; re: RegExp }[] {
  if (typeof document.host !== 'string') return [];
  const basePath = typeof document.basePath === 'string' ? document.basePath.replace(/\/+$/, '') : '';
  const schemes = swaggerSchemes(document, op)?.schemes ?? ['https', 'http'];
  return schemes.map((scheme) => {
    const label = `${scheme}://${document.host}${basePath}`;
    return { label, re: new RegExp(`^${escape(label)}(?=[/?#]|$)`, 'i') };
  });
}

// RFC 2606 example domains are placeholders for the reader's own URLs, never a call to the API.
const PLACEHOLDER_HOST = /^[a-z]+:\/\/(?:[^/@\s]*@)?(?:[^/:?#\s]*\.)?example(?:\.(?:com|org|net))?(?=[/:?#]|$)/i;
const SAMPLE_URL = /\b(?:https?|wss?):\/\/[^\s'"<>`\\|)\]}]+/gi;

export function sampleUrls(source: string): string[] {
  return [...source.matchAll(SAMPLE_URL)].map((m) => m[0].replace(/[.,;:]+$/, ''));
}

export const check = documentRule(({ document, operations }) => {
  const results = new ResultSet();
  if (!isObject(document)) return [];
  for (const op of operations) {
    if (op.resolved.kind !== 'external') continue;
    const key = ['x-codeSamples', 'x-code-samples'].find((k) => Array.isArray(op.operation[k]));
    if (!key) continue;
    let patterns: { label: string; re: RegExp }[];
    if (isOas2(document)) {
      patterns = swaggerPatterns(document, op);
      if (patterns.length === 0) continue; // no host: same as a relative server
    } else {
      const servers = operationServers(document, op);
      const absolute = servers.map(({ server }) => serverPattern(server));
      // No server, or a relative one: the API is wherever the document is served, so any host may be right.
      if (absolute.length === 0 || absolute.some((p) => p === undefined)) continue;
      patterns = absolute as { label: string; re: RegExp }[];
    }
    const declared = patterns.map((p) => p.label).join(', ');
    (op.operation[key] as unknown[]).forEach((sample, i) => {
      if (!isObject(sample) || typeof sample.source !== 'string') return;
      // A sample that calls a declared server passes, whatever other URLs its body carries (a webhook, a redirect URI).
      const urls = sampleUrls(sample.source);
      if (urls.some((url) => patterns.some((p) => p.re.test(url)))) return;
      // Example domains are the reader's placeholders, unless the document's own servers use them too.
      const placeholderServers = patterns.some((p) => PLACEHOLDER_HOST.test(p.label));
      const foreign = placeholderServers ? urls : urls.filter((url) => !PLACEHOLDER_HOST.test(url));
      if (foreign.length === 0) return;
      const name = typeof sample.lang === 'string' ? ` (${sample.lang})` : '';
      results.add(
        [...op.jsonPath, key, i, 'source'],
        `${op.method.toUpperCase()} ${op.path} is ${op.resolved.audience} (${op.resolved.detail}) but its code sample${name} calls ` +
          `${[...new Set(foreign)].join(', ')}, which is not a server it is served by: ${declared}`,
      );
    });
  }
  return results.results;
});
