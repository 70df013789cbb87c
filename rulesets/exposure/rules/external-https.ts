// external-https: strangers reach external operations over the Internet, where plain HTTP exposes
// tokens and data to anyone on the path. Every server an external operation is served by uses https
// (wss for WebSockets): root, path item and operation `servers`, Swagger 2.0 `schemes`.
import {
  type EditOp,
  type Fixer,
  getIn,
  isOas2,
  isObject,
  isScalar,
  type JsonPath,
  type PlannedFix,
  setValue,
} from '../../../server/src/engine/rules-api';
import { internalHostReason } from '../lib/hosts';
import { operationServers, serverSchemes, serverUrl, swaggerSchemes } from '../lib/servers';
import { documentRule, operationList, ResultSet, withNumericIndexes } from '../lib/shared';
import type { RuleMeta } from '../lib/exposure-rule';

export const meta: RuleMeta<'external-https'> = {
  code: 'external-https',
  severity: 'error',
  appliesTo: 'external',
  description: 'External operations are served over https only (servers at every level, Swagger 2.0 schemes).',
  // OWASP's rules ask the same of every root server / scheme: where this rule reports one, it is reported once, here.
  overlaps: [
    'owasp:api8:2019-no-server-http',
    'owasp:api8:2019-no-scheme-http',
    'owasp:api8:2023-no-server-http',
    'owasp:api8:2023-no-scheme-http',
  ],
};

const INSECURE: Record<string, string> = { http: 'https', ws: 'wss' };

export const check = documentRule(({ document, operations }) => {
  const external = operations.filter((op) => op.resolved.kind === 'external');
  // Location of the insecure declaration → the external operations it serves.
  const served = new Map<string, { path: JsonPath; what: string; ops: typeof external }>();
  const note = (path: JsonPath, what: string, op: (typeof external)[number]) => {
    const key = JSON.stringify(path);
    const entry = served.get(key) ?? { path, what, ops: [] };
    entry.ops.push(op);
    served.set(key, entry);
  };
  for (const op of external) {
    if (isOas2(document)) {
      const declared = swaggerSchemes(document, op);
      const insecure = declared?.schemes.filter((s) => s in INSECURE) ?? [];
      if (declared && insecure.length) note(declared.jsonPath, `The schemes list ${insecure.join(', ')}`, op);
      continue;
    }
    for (const { server, jsonPath } of operationServers(document, op)) {
      const insecure = serverSchemes(server).filter((s) => s in INSECURE);
      if (insecure.length === 0) continue;
      const url = serverUrl(server) ?? '';
      const what = /^\{/.test(url) ? `The server ${url} allows ${insecure.join(', ')}` : `The server ${url} uses ${insecure.join(', ')}`;
      note([...jsonPath, 'url'], what, op);
    }
  }
  const results = new ResultSet();
  for (const { path, what, ops } of served.values()) {
    const audiences = [...new Set(ops.map((op) => op.resolved.audience))].join('/');
    results.add(
      path,
      `${what} but serves ${audiences} operations (${operationList(ops)}): external operations must be served over https (wss) only`,
      ops,
    );
  }
  return results.results;
});

/** `http://api.example.com` → `https://api.example.com`; undefined when not a plain insecure URL. */
function secureUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const m = /^(http|ws):\/\//i.exec(url);
  return m ? INSECURE[m[1].toLowerCase()] + url.slice(m[1].length) : undefined;
}

function hostOf(url: string): string {
  return /^[a-z]+:\/\/(?:[^/@]*@)?(\[[^\]]*\]|[^/:?#]+)/i.exec(url)?.[1] ?? '';
}

/** Inserts the "s" of https / wss inside the URL as written, so its quotes and comments stay as they are. */
function secureScheme(path: JsonPath): EditOp {
  return (doc) => {
    const node = doc.nodeAt(path);
    if (!isScalar(node) || !node.range) return null;
    const written = doc.text.slice(node.range[0], node.range[1]);
    const scheme = /^(["']?)(http|ws):\/\//i.exec(written);
    if (!scheme) return null;
    return {
      offset: node.range[0] + scheme[1].length + scheme[2].length,
      length: 0,
      newText: scheme[2] === scheme[2].toUpperCase() ? 'S' : 's',
    };
  };
}

export const fix: Fixer<'external-https'> = (ctx) => {
  const path = withNumericIndexes(ctx.finding.path);
  const last = path[path.length - 1];
  const fixes: PlannedFix<'external-https'>[] = [];
  if (last === 'url') {
    const url = getIn(ctx.data, path);
    const secure = secureUrl(url);
    if (!secure) return []; // a templated scheme: the variable's enum is the author's to change
    const siblings = getIn(ctx.data, path.slice(0, -2));
    const twin = Array.isArray(siblings) && siblings.some((s) => isObject(s) && s.url === secure);
    // https://localhost rarely works either; that server needs a public host (external-no-internal-hosts).
    const safe = !twin && !internalHostReason(hostOf(secure));
    fixes.push({ title: `Use ${secure}`, id: 'external-https/server-url', isPreferred: true, safe, ops: [secureScheme(path)] });
  } else if (last === 'schemes') {
    const schemes = getIn(ctx.data, path);
    if (!Array.isArray(schemes)) return [];
    const next = [...new Set(schemes.map((s) => (typeof s === 'string' && INSECURE[s.toLowerCase()]) || s))];
    fixes.push({
      title: `Serve over ${next.join(', ')} only`,
      id: 'external-https/schemes',
      isPreferred: true,
      safe: true,
      ops: [setValue(path, next)],
    });
  }
  return fixes;
};
