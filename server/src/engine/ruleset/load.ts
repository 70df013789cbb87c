// Loads a user ruleset file the way Spectral's CLI does (migrate YAML/JSON to JS, bundle with rollup,
// evaluate), but with every piece of I/O and every decision about trust under our control:
// - built-in rulesets resolve to the copies bundled with us (offline, same version as the editor),
// - workspace JavaScript (JS rulesets, custom functions, JS npm rulesets) is refused unless trusted,
// - URLs are refused unless remote rulesets were enabled,
// - every file read is recorded, so caches and editors know what to watch.
import { createRequire } from 'node:module';
import * as nodePath from 'node:path';
import { Ruleset, type RulesetDefinition } from '@stoplight/spectral-core';
import type { migrateRuleset } from '@stoplight/spectral-ruleset-migrator';
import type { Plugin } from 'rollup';
import type { EngineHost, TrustOptions } from '../host';
import type { AudienceConfig } from '../types';
import { isUrl } from '../paths';
import { builtinNameForImport, getBuiltinRuleset, isBuiltinRulesetName } from './builtin-rulesets';
import { RulesetLoadError, oneLine } from './errors';
import { preprocessRuleset, mergeAudienceConfigs } from './preprocess';
import { guardRuleFunctions } from './guard-functions';
import { memoizeExampleFunctions, runCacheForPureFunctions } from './pure-functions';
import { rulesetFileTooling } from './file-tooling';
import { BoundedMap } from '../bounded-map';
import { RULESET_FUNCTIONS_MODULE, rulesetFunctionsApi } from './functions-api';

export interface LoadedRuleset {
  /** The ruleset file path or built-in name. */
  name: string;
  ruleset: Ruleset;
  /** Local files the ruleset was built from (the file itself, extended files, function files). */
  dependencies: string[];
  /** Audiences the ruleset assigns (x-exposure, overrides x-audience). */
  audience: AudienceConfig;
  /** Workspace code that was present but not run because the workspace is not trusted. */
  untrustedCodeSkipped?: string[];
}

type MigratorFs = NonNullable<Parameters<typeof migrateRuleset>[1]>['fs'];

const BUILTIN_PREFIX = '\0api-exposure-lint-builtin:';
const BUILTIN_GLOBAL = Symbol.for('api-exposure-lint/builtin-rulesets');
const SPECTRAL_VIRTUAL_MODULE = /^@stoplight\/spectral-(core|formats|functions|parsers|ref-resolver|rulesets|runtime)$/;

export function loadBuiltinRuleset(name: string): LoadedRuleset {
  const definition = getBuiltinRuleset(name);
  if (!definition) throw new RulesetLoadError(name, `unknown built-in ruleset "${name}"`);
  return { name, ruleset: guarded(new Ruleset(definition, { severity: 'recommended', source: name })), dependencies: [], audience: {} };
}

export async function loadRulesetFile(file: string, host: EngineHost, trust: TrustOptions): Promise<LoadedRuleset> {
  if (isBuiltinRulesetName(file)) return loadBuiltinRuleset(file);
  const isRemote = isUrl(file);
  if (isRemote && !trust.allowRemote) {
    throw new RulesetLoadError(
      file,
      `remote ruleset not fetched: enable remote rulesets (setting apiExposureLint.allowRemote / --allow-remote) to use ${file}`,
    );
  }
  const isBasic = /\.(ya?ml|json)$/i.test(isRemote ? new URL(file).pathname : file);
  if (!isBasic && !trust.trustWorkspaceCode) {
    throw new RulesetLoadError(
      file,
      'JavaScript ruleset not run because the workspace is not trusted (trust the workspace, or pass --trust-workspace-code)',
    );
  }

  const dependencies = new Set<string>();
  const configs: AudienceConfig[] = [];
  const untrustedSkipped: string[] = [];
  // Spectral's migrator follows `extends` recursively and has no cycle check: a ruleset extending itself
  // (or a pair extending each other) would recurse until memory runs out.
  const reads = new Map<string, number>();
  const countRead = (p: string) => {
    const n = (reads.get(p) ?? 0) + 1;
    reads.set(p, n);
    if (n > MAX_READS_PER_FILE)
      throw new RulesetLoadError(file, `extends cycle: ${p} is extended by itself (directly or through other rulesets)`);
  };
  const guardedFetch = makeGuardedFetch(host, trust, file, countRead);
  // The migrator reads every YAML/JSON ruleset in the extends chain through this fs (typed as Node's
  // fs.promises.readFile by the migrator, which only ever calls it with a path and 'utf8').
  const migratorFs: MigratorFs = {
    promises: {
      readFile: (async (p: string) => {
        countRead(p);
        dependencies.add(p);
        const { text, config, skipped } = preprocessRuleset(p, await host.fs.readFile(p), trust.trustWorkspaceCode);
        configs.push(config);
        untrustedSkipped.push(...skipped);
        return text;
      }) as unknown as MigratorFs['promises']['readFile'],
    },
  };

  try {
    const { migrateRuleset, builtins, commonjs, stdin, bundleRulesetCode } = await rulesetFileTooling();
    let entry = file;
    const plugins: Plugin[] = [
      trustGuard(trust, dependencies),
      builtinRulesets(),
      builtins() as Plugin,
      remoteLoader(guardedFetch),
      commonjs() as Plugin,
    ];
    if (isBasic) {
      const migrated = await migrateRuleset(file, { format: 'esm', fs: migratorFs, fetch: guardedFetch as never });
      entry = isRemote ? file.replace(/\.(ya?ml|json)(\?.*)?$/i, '.spectral.js') : nodePath.join(nodePath.dirname(file), '.spectral.js');
      plugins.unshift(stdin(migrated, entry) as Plugin);
    } else {
      dependencies.add(file);
    }
    const code = await bundleRulesetCode(entry, plugins, host.log);
    const definition = evaluate(code, file);
    const ruleset = guarded(new Ruleset(definition, { severity: 'recommended', source: file }));
    // Audience globs describe the repository being linted, wherever they are declared: a team's shared
    // ruleset package in node_modules says `apis/partner/**` about the repository that extends it.
    const topDir = isRemote ? undefined : nodePath.dirname(file);
    const rebased = configs.map((c) => ({ ...c, audienceByGlob: c.audienceByGlob?.map((g) => ({ ...g, baseDir: topDir })) }));
    const loaded: LoadedRuleset = {
      name: file,
      ruleset,
      dependencies: [...dependencies].filter((d) => !isUrl(d)),
      audience: mergeAudienceConfigs(rebased),
    };
    if (untrustedSkipped.length > 0) loaded.untrustedCodeSkipped = untrustedSkipped;
    return loaded;
  } catch (error) {
    const own = error instanceof RulesetLoadError ? error : (error as { cause?: unknown }).cause;
    if (own instanceof RulesetLoadError) throw new RulesetLoadError(file, own.reason, own.detail);
    throw new RulesetLoadError(file, describe(error), error instanceof Error ? error.stack : undefined);
  }
}

function guarded(ruleset: Ruleset): Ruleset {
  // Example validation is cached across runs inside the guard, so a failure is never kept as "no findings"; the
  // other pure functions are cached for the run between the guard's checks and its watched call.
  memoizeExampleFunctions(ruleset);
  guardRuleFunctions(ruleset, runCacheForPureFunctions);
  return ruleset;
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'file not found';
  const message = oneLine(error);
  const missingModule = /Cannot find module '([^']+)'/.exec(message);
  if (missingModule) return `cannot find ${missingModule[1]} (a custom function file or package the ruleset needs)`;
  const nested = (error as { cause?: unknown }).cause;
  if (/Could not read ruleset/.test(message) && nested) return oneLine(nested);
  return message;
}

/** Evaluates the bundled CommonJS ruleset; bare imports left external resolve from the ruleset's folder. */
function evaluate(code: string, file: string): RulesetDefinition {
  const base = isUrl(file) ? nodePath.join(process.cwd(), 'remote-ruleset.js') : file;
  const req = createRequire(base);
  const m: { exports?: unknown } = {};
  const localRequire = (id: string) =>
    id === RULESET_FUNCTIONS_MODULE ? rulesetFunctionsApi : req(req.resolve(id, { paths: [nodePath.dirname(base)] }));
  Function('module, require', code)(m, localRequire);
  const exported = m.exports as { default?: unknown } | undefined;
  const definition = exported && typeof exported === 'object' && 'default' in exported ? exported.default : exported;
  if (typeof definition !== 'object' || definition === null) throw new Error('the ruleset exports nothing');
  return definition as RulesetDefinition;
}

/** Built-in ruleset names in `extends` become virtual modules backed by our bundled copies. */
function builtinRulesets(): Plugin {
  const registry = ((globalThis as Record<symbol, Record<string, unknown>>)[BUILTIN_GLOBAL] ??= {});
  return {
    name: 'api-exposure-lint:builtin-rulesets',
    resolveId(id) {
      if (id.startsWith(BUILTIN_PREFIX)) return id;
      const name = builtinNameForImport(id);
      return name ? BUILTIN_PREFIX + name : null;
    },
    load(id) {
      if (!id.startsWith(BUILTIN_PREFIX)) return null;
      const name = id.slice(BUILTIN_PREFIX.length);
      registry[name] ??= getBuiltinRuleset(name);
      return `export default globalThis[Symbol.for(${JSON.stringify(BUILTIN_GLOBAL.description)})][${JSON.stringify(name)}];`;
    },
  };
}

/**
 * Placed first: records every module rollup loads and refuses code the user has not trusted. Only
 * modules that are data (the migrated YAML/JSON ruleset) or bundled with us may load without trust.
 */
function trustGuard(trust: TrustOptions, dependencies: Set<string>): Plugin {
  return {
    name: 'api-exposure-lint:trust-guard',
    load(id) {
      if (id.startsWith('\0') || SPECTRAL_VIRTUAL_MODULE.test(id)) return null;
      if (/[\\/]\.spectral\.js$/.test(id) && !dependencies.has(id)) return null; // the migrated YAML ruleset (stdin)
      dependencies.add(id);
      if (!trust.trustWorkspaceCode) {
        throw new RulesetLoadError(
          id,
          `JavaScript in ${id} not run because the workspace is not trusted (trust the workspace, or pass --trust-workspace-code)`,
        );
      }
      return null;
    },
  };
}

/** Rollup loader for JS rulesets referenced by URL (YAML/JSON ones are read by the migrator). */
function remoteLoader(fetchText: (url: string) => Promise<{ text(): Promise<string> }>): Plugin {
  return {
    name: 'api-exposure-lint:remote',
    resolveId(id, importer) {
      if (isUrl(id)) return id;
      if (importer && isUrl(importer) && (id.startsWith('./') || id.startsWith('../'))) return new URL(id, importer).href;
      return null;
    },
    async load(id) {
      if (!isUrl(id)) return null;
      return (await fetchText(id)).text();
    },
  };
}

const REMOTE_TIMEOUT_MS = 10000;
/** Remote rulesets are cached per process: editors re-lint on every keystroke, CLIs lint many files. */
const REMOTE_CACHE_TTL_MS = 5 * 60 * 1000;
/** Bound: 32 URLs (least recently used dropped), each kept at most REMOTE_CACHE_TTL_MS. */
const remoteCache = new BoundedMap<string, { text: string; contentType: string | null; at: number }>(32);

function cachedResponse(entry: { text: string; contentType: string | null }) {
  return {
    ok: true,
    status: 200,
    statusText: 'OK',
    headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? entry.contentType : null) },
    text: async () => entry.text,
  };
}
const MAX_READS_PER_FILE = 8;

/** What the migrator sees for a built-in name inside a remote ruleset: "a JS module", which our plugin provides. */
const BUILTIN_MODULE_RESPONSE = {
  ok: true,
  status: 200,
  statusText: 'OK',
  headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/javascript' : null) },
  text: async () => '',
};

function makeGuardedFetch(host: EngineHost, trust: TrustOptions, rulesetFile: string, countRead: (url: string) => void) {
  return async (url: string) => {
    // Inside a remote ruleset, `extends: api-exposure-lint:exposure` becomes a URL next to it.
    if (builtinNameForImport(url)) return BUILTIN_MODULE_RESPONSE;
    countRead(url);
    if (!trust.allowRemote) {
      throw new RulesetLoadError(
        rulesetFile,
        `remote ruleset ${url} not fetched: enable remote rulesets (setting apiExposureLint.allowRemote / --allow-remote)`,
      );
    }
    if (!host.fetch) throw new RulesetLoadError(rulesetFile, `remote ruleset ${url} not fetched: no network access in this host`);
    const cached = remoteCache.get(url);
    if (cached && Date.now() - cached.at < REMOTE_CACHE_TTL_MS) return cachedResponse(cached);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REMOTE_TIMEOUT_MS);
    try {
      const response = await host.fetch(url, { signal: controller.signal });
      if (!response.ok) throw new RulesetLoadError(rulesetFile, `remote ruleset ${url}: HTTP ${response.status} ${response.statusText}`);
      const entry = { text: await response.text(), contentType: response.headers.get('content-type'), at: Date.now() };
      remoteCache.set(url, entry);
      return cachedResponse(entry);
    } catch (error) {
      if (error instanceof RulesetLoadError) throw error;
      const reason = controller.signal.aborted ? `no answer within ${REMOTE_TIMEOUT_MS / 1000} s` : oneLine(error);
      throw new RulesetLoadError(rulesetFile, `remote ruleset ${url} could not be fetched: ${reason}`);
    } finally {
      clearTimeout(timer);
    }
  };
}
