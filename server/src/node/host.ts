// The engine's I/O on Node: files from disk, fetch (used only when the user allowed remote rulesets/$refs)
// through the user's proxy, logs to a sink the caller chooses (stderr for the CLI, the LSP console for the
// server). It lives outside server/src/engine/, which sees only the EngineHost interface.
import { currentThreadCpuMs } from './thread-cpu';
import type { Dispatcher } from 'undici';
import { createNodeFileSystem } from './file-system';
import type { EngineFetch, EngineHost, EngineLogger } from '../engine/host';
import { silentLogger } from '../engine/host';
import { useMemoizedWalk } from '../engine/walk/memo-nimma';

export interface NodeHostOptions {
  /** Proxy URL (VS Code's `http.proxy`); when absent, HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment apply. */
  proxy?: string;
  /** Verify TLS certificates through the proxy (VS Code's `http.proxyStrictSSL`). Default true. */
  proxyStrictSSL?: boolean;
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

type Undici = typeof import('undici');

/** undici is loaded on the first fetch: most runs fetch nothing (remote rulesets and $refs are opt-in). */
async function undiciClient(options: NodeHostOptions): Promise<{ fetch: Undici['fetch']; dispatcher: Dispatcher }> {
  const { Agent, EnvHttpProxyAgent, ProxyAgent, fetch } = await import('undici');
  const connect = { rejectUnauthorized: options.proxyStrictSSL !== false };
  if (options.proxy) return { fetch, dispatcher: new ProxyAgent({ uri: options.proxy, requestTls: connect }) };
  // EnvHttpProxyAgent warns that it is experimental: only use it when the environment names a proxy.
  const fromEnvironment = PROXY_VARIABLES.some((name) => process.env[name]);
  return { fetch, dispatcher: fromEnvironment ? new EnvHttpProxyAgent({ connect }) : new Agent({ connect }) };
}

export function createNodeFetch(options: NodeHostOptions = {}): EngineFetch {
  let client: ReturnType<typeof undiciClient> | undefined;
  return async (url, init) => {
    client ??= undiciClient(options);
    const { fetch, dispatcher } = await client;
    return fetch(url, { signal: init?.signal, dispatcher, redirect: 'follow' });
  };
}

export function createNodeHost(log: EngineLogger = silentLogger, options: NodeHostOptions = {}): EngineHost {
  // nimma's own walk instead of the memoized one, to compare with (benchmarks, bug reports).
  useMemoizedWalk(process.env.API_EXPOSURE_LINT_PLAIN_WALK !== '1');
  return {
    log,
    fs: createNodeFileSystem(),
    fetch: createNodeFetch(options),
    threadCpuMs: currentThreadCpuMs,
  };
}
