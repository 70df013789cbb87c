// $ref resolution under our rules: local files only inside the allowed roots, never devices,
// remote URLs only when the user enabled them. A refused $ref becomes Spectral's `invalid-ref` result
// with our message, instead of a read of /etc/passwd or a request to an attacker's server.
// Every resolve starts with an empty cache (json-ref-resolver would otherwise keep each file's first
// contents for the life of the Spectral instance: a fragment edited on disk would never be seen again),
// and reads an editor's unsaved text before the file on disk (set per document with setOpenDocuments).
// Every file access goes through the host (realPath, fileInfo, readFile): the engine does no I/O of its own.
import { Resolver } from '@stoplight/spectral-ref-resolver';
import * as nodePath from 'node:path';
import type { EngineFileSystem, EngineHost, TrustOptions } from './host';
import { DEFAULT_MAX_DOCUMENT_SIZE } from './lint-options';
import { isInside } from './paths';

interface RefUri {
  href(): string;
  toString(): string;
}

const isDevicePath = (file: string) => file.startsWith('/dev/') || file.startsWith('/proc/') || file.startsWith('/sys/');

/** The real path (symlinks followed), or the path itself when it does not exist or the host has no links (virtual hosts, tests). */
async function realPath(fs: EngineFileSystem, file: string): Promise<string> {
  if (!fs.realPath) return file;
  try {
    return await fs.realPath(file);
  } catch {
    return file;
  }
}

/** Texts to read instead of the disk, per linted document (the editor's open, maybe unsaved, files). */
const openDocumentsOf = new WeakMap<object, ReadonlyMap<string, string>>();

/** `data`: the Document's parsed data, which Spectral hands to the resolver. */
export function setOpenDocuments(data: unknown, texts: Record<string, string> | undefined): void {
  if (typeof data !== 'object' || data === null || !texts) return;
  openDocumentsOf.set(data, new Map(Object.entries(texts).map(([file, text]) => [nodePath.resolve(file), text])));
}

/**
 * The json-ref-resolver cache interface (get/set/has): local files afresh for each resolve, remote documents
 * kept for the resolver's life as before (no request per keystroke).
 */
class RunCache {
  private readonly local = new Map<string, unknown>();
  readonly stats = { hits: 0, misses: 0 };
  constructor(private readonly remote: Map<string, unknown>) {}
  private mapFor(key: string): Map<string, unknown> {
    return /^https?:/i.test(key) ? this.remote : this.local;
  }
  get(key: string): unknown {
    return this.mapFor(key).get(key);
  }
  set(key: string, value: unknown): void {
    this.mapFor(key).set(key, value);
  }
  has(key: string): boolean {
    return this.mapFor(key).has(key);
  }
  purge(): void {
    this.local.clear();
  }
}

interface ResolveContext {
  openDocuments?: ReadonlyMap<string, string>;
}

/** Fresh cache and this document's open texts for every resolve. */
class PerRunResolver extends Resolver {
  private readonly remoteDocuments = new Map<string, unknown>();

  override resolve(source: unknown, opts: Parameters<Resolver['resolve']>[1] = {}): ReturnType<Resolver['resolve']> {
    const openDocuments = typeof source === 'object' && source !== null ? openDocumentsOf.get(source) : undefined;
    const ctx = { ...(opts.ctx ?? {}), openDocuments } satisfies ResolveContext;
    return super.resolve(source, { ...opts, uriCache: new RunCache(this.remoteDocuments) as never, ctx });
  }
}

export function createRefResolver(host: EngineHost, trust: TrustOptions): Resolver {
  // Roots compared both as given and with symlinks resolved (/tmp → /private/tmp on macOS).
  let roots: Promise<string[]> | undefined;
  const allowedRoots = () =>
    (roots ??= Promise.all(trust.allowedRoots.map((root) => realPath(host.fs, root))).then((real) => [
      ...new Set([...trust.allowedRoots, ...real]),
    ]));

  const readRemote = async (ref: RefUri): Promise<string> => {
    const url = ref.toString();
    if (!trust.allowRemote)
      throw new Error(`remote $ref ${url} not fetched (remote references are disabled; enable allowRemote / --allow-remote)`);
    if (!host.fetch) throw new Error(`remote $ref ${url} not fetched: no network access in this host`);
    const response = await host.fetch(url);
    if (!response.ok) throw new Error(`remote $ref ${url}: HTTP ${response.status}`);
    return response.text();
  };

  const readLocal = async (ref: RefUri, ctx?: ResolveContext): Promise<string> => {
    const file = nodePath.resolve(decodeURIComponent(ref.href().replace(/^file:\/\//, '')));
    if (isDevicePath(file)) throw new Error(`$ref to ${file} refused: not a regular file`);
    // Checked on the real path: a symlink inside the workspace must not lead to /etc/passwd or /dev/zero.
    const real = await realPath(host.fs, file);
    if (isDevicePath(real)) throw new Error(`$ref to ${file} refused: not a regular file`);
    if (trust.allowedRoots.length > 0 && !(await allowedRoots()).some((root) => isInside(real, root))) {
      const via = real === file ? '' : ` (a link to ${real})`;
      throw new Error(`$ref to ${file}${via} refused: outside the workspace (${trust.allowedRoots.join(', ')})`);
    }
    // A FIFO would block the read forever, a huge file would exhaust memory: only regular files of sane size.
    const stat = await host.fs.fileInfo?.(real).catch(() => undefined);
    if (stat && !stat.isFile) throw new Error(`$ref to ${file} refused: not a regular file`);
    if (stat && stat.size > DEFAULT_MAX_DOCUMENT_SIZE) {
      throw new Error(`$ref to ${file} refused: ${(stat.size / 1e6).toFixed(1)} MB, over the ${DEFAULT_MAX_DOCUMENT_SIZE / 1e6} MB limit`);
    }
    const open = ctx?.openDocuments?.get(file) ?? ctx?.openDocuments?.get(real);
    return open ?? host.fs.readFile(real);
  };

  return new PerRunResolver({
    resolvers: { https: { resolve: readRemote }, http: { resolve: readRemote }, file: { resolve: readLocal } },
  } as ConstructorParameters<typeof Resolver>[0]);
}
