// $ref resolution under our rules: local files only inside the allowed roots, never devices,
// remote URLs only when the user enabled them. A refused $ref becomes Spectral's `invalid-ref` result
// with our message, instead of a read of /etc/passwd or a request to an attacker's server.
import { Resolver } from '@stoplight/spectral-ref-resolver';
import * as nodePath from 'node:path';
import type { EngineHost, TrustOptions } from './host';
import { isInside } from './paths';

interface RefUri {
  href(): string;
  toString(): string;
}

export function createRefResolver(host: EngineHost, trust: TrustOptions): Resolver {
  const readRemote = async (ref: RefUri): Promise<string> => {
    const url = ref.toString();
    if (!trust.allowRemote) throw new Error(`remote $ref ${url} not fetched (remote references are disabled; enable allowRemote / --allow-remote-refs)`);
    if (!host.fetch) throw new Error(`remote $ref ${url} not fetched: no network access in this host`);
    const response = await host.fetch(url);
    if (!response.ok) throw new Error(`remote $ref ${url}: HTTP ${response.status}`);
    return response.text();
  };
  return new Resolver({
    resolvers: {
      https: { resolve: readRemote },
      http: { resolve: readRemote },
      file: {
        resolve: async (ref: RefUri) => {
          const file = nodePath.resolve(decodeURIComponent(ref.href().replace(/^file:\/\//, '')));
          if (file.startsWith('/dev/') || file.startsWith('/proc/') || file.startsWith('/sys/')) {
            throw new Error(`$ref to ${file} refused: not a regular file`);
          }
          if (trust.allowedRoots.length > 0 && !trust.allowedRoots.some((root) => isInside(file, root))) {
            throw new Error(`$ref to ${file} refused: outside the workspace (${trust.allowedRoots.join(', ')})`);
          }
          return host.fs.readFile(file);
        },
      },
    },
  } as ConstructorParameters<typeof Resolver>[0]);
}
