// internal-no-public-servers: internal APIs must stay internal. An internal operation is not served by a
// server the document marks as public (`x-internal: false`, or `x-audience: external-public|external-partner`
// on the server object): that server is the gateway strangers reach. The quick fix serves the operation
// from the servers that are not marked public, when there are some.
import {
  type Fixer,
  getIn,
  isAudience,
  isExternal,
  isObject,
  type JsonObject,
  type JsonPath,
  setValue,
} from '../../../server/src/engine/rules-api';
import { perOperationRule } from '../lib/per-operation';
import { operationServers } from '../lib/servers';
import type { RuleMeta } from '../lib/exposure-rule';

export const meta: RuleMeta<'internal-no-public-servers'> = {
  code: 'internal-no-public-servers',
  severity: 'error',
  appliesTo: 'internal',
  description: 'Internal operations are not served by servers marked public (x-internal: false or an external x-audience).',
};

export function isMarkedPublic(server: JsonObject): boolean {
  return server['x-internal'] === false || (isAudience(server['x-audience']) && isExternal(server['x-audience']));
}

const where = (level: string, jsonPath: JsonPath) => `${level} servers[${jsonPath[jsonPath.length - 1]}]`;

export const check = perOperationRule('internal', (document, op) => {
  const marked = operationServers(document, op).filter(({ server }) => isMarkedPublic(server));
  if (marked.length === 0) return undefined;
  const list = marked.map(
    ({ server, jsonPath, level }) =>
      `${String(server.url ?? '?')} (${where(level, jsonPath)}, marked ${server['x-internal'] === false ? 'x-internal: false' : `x-audience: ${String(server['x-audience'])}`})`,
  );
  return `is served by ${marked.length > 1 ? 'servers' : 'a server'} marked public: ${list.join(', ')}`;
});

export const fix: Fixer<'internal-no-public-servers'> = (ctx) => {
  const opPath = ctx.operationPath;
  if (!opPath || !isObject(getIn(ctx.data, opPath))) return [];
  const op = {
    path: String(opPath[1]),
    method: String(opPath[2]) as never,
    jsonPath: opPath,
    operation: getIn(ctx.data, opPath) as JsonObject,
    pathItem: (getIn(ctx.data, opPath.slice(0, 2)) ?? {}) as JsonObject,
  };
  const servers = operationServers(ctx.data, op);
  const kept = servers.filter(({ server }) => !isMarkedPublic(server));
  if (kept.length === 0 || kept.length === servers.length) return [];
  return [
    {
      title: `Serve this operation only from ${kept.map(({ server }) => String(server.url ?? '?')).join(', ')}`,
      id: 'internal-no-public-servers/operation-servers',
      isPreferred: true,
      safe: false,
      ops: [
        setValue(
          [...opPath, 'servers'],
          kept.map(({ server }) => server),
        ),
      ],
    },
  ];
};
