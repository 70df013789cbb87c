// The engine's I/O on Node: files from disk, fetch (used only when the user allowed remote rulesets/$refs)
// through the user's proxy, logs to a sink the caller chooses (stderr for the CLI, the LSP console for the
// server). It lives outside server/src/engine/, which sees only the EngineHost interface.
import { currentThreadCpuMs } from './thread-cpu';
import { promises as fs } from 'node:fs';
import { Agent, EnvHttpProxyAgent, ProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
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

function dispatcherFor(options: NodeHostOptions): Dispatcher {
  const connect = { rejectUnauthorized: options.proxyStrictSSL !== false };
  if (options.proxy) return new ProxyAgent({ uri: options.proxy, requestTls: connect });
  // EnvHttpProxyAgent warns that it is experimental: only use it when the environment names a proxy.
  return PROXY_VARIABLES.some((name) => process.env[name]) ? new EnvHttpProxyAgent({ connect }) : new Agent({ connect });
}

export function createNodeFetch(options: NodeHostOptions = {}): EngineFetch {
  let dispatcher: Dispatcher | undefined;
  return async (url, init) => {
    dispatcher ??= dispatcherFor(options);
    const response = await undiciFetch(url, { signal: init?.signal, dispatcher, redirect: 'follow' });
    return response;
  };
}

export function createNodeHost(log: EngineLogger = silentLogger, options: NodeHostOptions = {}): EngineHost {
  // nimma's own walk instead of the memoized one, to compare with (benchmarks, bug reports).
  useMemoizedWalk(process.env.API_EXPOSURE_LINT_PLAIN_WALK !== '1');
  return {
    log,
    fs: {
      readFile: (path) => fs.readFile(path, 'utf8'),
      exists: async (path) => {
        try {
          await fs.access(path);
          return true;
        } catch {
          return false;
        }
      },
      realPath: (path) => fs.realpath(path),
      fileInfo: (path) =>
        fs.stat(path).then(
          (stat) => ({ isFile: stat.isFile(), size: stat.size }),
          () => undefined,
        ),
      mtime: async (path) => {
        try {
          return (await fs.stat(path)).mtimeMs;
        } catch {
          return undefined;
        }
      },
    },
    fetch: createNodeFetch(options),
    threadCpuMs: currentThreadCpuMs,
  };
}
