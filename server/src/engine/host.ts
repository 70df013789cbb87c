// Everything the engine needs from the outside world is injected through EngineHost,
// so the same engine runs in the CLI, the language server, a worker thread and tests.

export interface EngineFileSystem {
  readFile(path: string): Promise<string>;
  /** Resolves to false when the path does not exist or cannot be read. */
  exists(path: string): Promise<boolean>;
  /** Modification time in ms, or undefined when the file does not exist; used for ruleset caching. */
  mtime(path: string): Promise<number | undefined>;
  /**
   * The path with symlinks resolved. Optional for virtual file systems without links; a host over a real disk
   * must give it: containment of `$ref`'d files in the allowed roots is checked on the real path.
   */
  realPath?(path: string): Promise<string>;
  /**
   * Kind and size of a file (optional, like realPath: a host over a real disk must give it): a FIFO or a device
   * would block a read forever and a huge file would exhaust memory, so only regular files of sane size are read for $refs.
   */
  fileInfo?(path: string): Promise<{ isFile: boolean; size: number } | undefined>;
}

export type EngineFetch = (
  url: string,
  init?: { signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; statusText: string; text(): Promise<string>; headers: { get(name: string): string | null } }>;

export interface EngineLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface EngineHost {
  fs: EngineFileSystem;
  /** Used only when remote rulesets/$refs are allowed. */
  fetch?: EngineFetch;
  log: EngineLogger;
  /** CPU time the calling thread has used, in ms (undefined: unknown). Lint budgets count it when given. */
  threadCpuMs?: () => number | undefined;
}

/** Security-relevant choices, made by the user, never by the linted repository. */
export interface TrustOptions {
  /** Run JavaScript from the workspace: JS rulesets, custom functions, npm rulesets. */
  trustWorkspaceCode: boolean;
  /** Fetch `extends` URLs and remote `$ref`s. */
  allowRemote: boolean;
  /** Directories $refs and rulesets may be read from (the workspace / repository root). Empty = no restriction. */
  allowedRoots: string[];
}

export const silentLogger: EngineLogger = { info() {}, warn() {}, error() {} };
