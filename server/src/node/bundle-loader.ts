// Loads one of dist/'s ~10 MB bundles as a CommonJS module, as `require` would, in less time:
//
// - Node's loader decodes a file as UTF-8, 60–120 ms for 10 MB here even when every byte is ASCII; read as
//   Latin-1 (the same characters for ASCII, which the build guarantees: scripts/build.mjs) it takes 1–15 ms.
// - V8 compiles the bundle again in every process and thread that loads it (a lint worker, the CLI). Its code cache
//   (`vm.Script`'s `cachedData`) skips that, and, written after the first lint, also the functions compiled while
//   linting. It is kept next to the bundle, like Python's __pycache__: made on first use, ignored when absent,
//   rejected by V8 or unwritable (an install folder the user cannot write), in which case the bundle is simply
//   compiled as before.
//
// The cache's name carries the V8 version (VS Code's Electron and the system's Node can share one install), the
// bundle's size and modification time (V8 checks its own version and flags but, for the source, only its length, so
// a rebuilt bundle must never meet the cache of the previous one), and the V8 flags the process set (v8-flags.ts:
// the CLI's and the language server's differ, and V8 rejects a cache made under other flags). Measured in
// docs/benchmarks.md (round 10).
import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import vm from 'node:vm';
import { v8FlagsTag } from './v8-flags';

/** Where the code cache of `bundle` (an absolute path) is kept for this V8, these flags (v8-flags.ts) and this build of the bundle. */
export function codeCacheFile(bundle: string, flags: string = v8FlagsTag()): string {
  // Written out, not hashed: a hash would load node:crypto in every thread before its bundle.
  const { size, mtimeMs } = statSync(bundle);
  return `${bundle}.v8-${process.versions.v8}${flags ? `-${flags}` : ''}.${size}-${Math.round(mtimeMs)}.code-cache`;
}

export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  exports: unknown;
  /** Whether V8 compiled it from the cache. */
  fromCache: boolean;
  /** Writes the code cache if the bundle was not compiled from one; at most once, never throws. */
  saveCodeCache(): void;
}

const SAVE_HOOK = Symbol.for('api-exposure-lint.save-code-cache');

/** The function a CommonJS module's code runs in, as Node writes it; the bundles only this loader loads begin with it. */
export const CJS_WRAPPER = '(function (exports, require, module, __filename, __dirname) {';

/**
 * Runs `bundle` as a CommonJS module of `parent`, as `require` would (its own `require`, `module`, `__dirname`). A
 * bundle that is not pure ASCII (a build that did not escape it) goes through `require` itself.
 */
export function loadBundle(bundle: string, parent?: Module): LoadedBundle {
  const bytes = readFileSync(bundle);
  const uncached = (exports: unknown): LoadedBundle => ({ exports, fromCache: false, saveCodeCache: () => {} });
  if (!isAscii(bytes)) return uncached(createRequire(bundle)(bundle));
  if (sourceMapsEnabled()) return uncached(compileAsModule(bundle, bytes.toString('latin1'), parent));
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  try {
    cacheFile = codeCacheFile(bundle);
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet
  }
  // A bundle built wrapped (scripts/build.mjs) compiles as read; another is wrapped on its first line, so that line
  // numbers (stack traces, source maps) are unchanged.
  const text = bytes.toString('latin1');
  const source = text.startsWith(CJS_WRAPPER) ? text : `${CJS_WRAPPER} ${text}\n})`;
  const script = new vm.Script(source, {
    filename: bundle,
    cachedData,
    // An `import()` in the bundle (none today: esbuild turns ours into requires) loads as it would in a CommonJS module.
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  const bundleModule = new Module(bundle, parent);
  bundleModule.filename = bundle;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(bundleModule.exports, bundleModule.exports, createRequire(bundle), bundleModule, bundle, path.dirname(bundle));
  bundleModule.loaded = true;
  let saved = fromCache;
  return {
    exports: bundleModule.exports,
    fromCache,
    saveCodeCache() {
      if (saved || cacheFile === undefined) return;
      saved = true;
      writeAtomically(cacheFile, script.createCachedData());
    },
  };
}

/**
 * `node --enable-source-maps` (a developer reading a stack trace) maps the stack traces of code Node's module loader
 * compiled, not of a `vm.Script`: the bundle is then compiled as `require` compiles it, without a code cache.
 */
function sourceMapsEnabled(): boolean {
  return (
    (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled ??
    [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].includes('--enable-source-maps')
  );
}

/** Runs the bundle's text through Node's own CommonJS compiler; a bundle built wrapped is called with the module's arguments. */
function compileAsModule(bundle: string, text: string, parent: Module | undefined): unknown {
  const bundleModule = new Module(bundle, parent);
  bundleModule.filename = bundle;
  bundleModule.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(bundle));
  // On its own line: the built bundle ends with its `//# sourceMappingURL=` comment.
  const source = text.startsWith(CJS_WRAPPER) ? `${text}\n.call(this, exports, require, module, __filename, __dirname);` : text;
  (bundleModule as unknown as { _compile(source: string, file: string): void })._compile(source, bundle);
  bundleModule.loaded = true;
  return bundleModule.exports;
}

/** A temporary file renamed over the cache: a reader sees the old cache or the new one, never a part. */
function writeAtomically(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
  }
}

/** Loads a bundle and lets code inside it ask for its cache to be saved (saveCodeCacheNow), e.g. after a first lint. */
export function loadBundleForThread(bundle: string, parent?: Module): LoadedBundle {
  const loaded = loadBundle(bundle, parent);
  (globalThis as { [SAVE_HOOK]?: () => void })[SAVE_HOOK] = loaded.saveCodeCache;
  return loaded;
}

/**
 * Called from inside a bundle when most of what it runs has been compiled (a lint worker after its first lint):
 * saves the code cache of the bundle this thread was started with, once. A no-op when it was loaded otherwise.
 */
export function saveCodeCacheNow(): void {
  const slot = globalThis as { [SAVE_HOOK]?: () => void };
  const save = slot[SAVE_HOOK];
  delete slot[SAVE_HOOK];
  save?.();
}
