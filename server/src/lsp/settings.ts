// Raw settings (from workspace/configuration or initializationOptions) are normalised into one
// Settings shape here and nowhere else; anything missing or malformed falls back to DEFAULT_SETTINGS.
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type AudienceSetting, type Settings } from '../protocol';
import { AUDIENCES } from '../engine/types';
import { log } from './log';
import { BoundedMap } from '../engine/bounded-map';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAudienceSetting(value: unknown): value is AudienceSetting {
  return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);
}

function nonNegativeNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function normalizeSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const input = isRecord(raw) ? raw : {};
  const audienceByGlob: Record<string, AudienceSetting> = {};
  const rawGlobs = isRecord(input.audienceByGlob) ? input.audienceByGlob : base.audienceByGlob;
  for (const [glob, audience] of Object.entries(rawGlobs)) {
    if (glob && isAudienceSetting(audience)) audienceByGlob[glob] = audience;
  }
  const validateFiles = Array.isArray(input.validateFiles)
    ? input.validateFiles.filter((glob): glob is string => typeof glob === 'string' && glob.length > 0)
    : base.validateFiles;
  const traceServer = isRecord(input.trace) ? input.trace.server : undefined;
  return {
    enable: typeof input.enable === 'boolean' ? input.enable : base.enable,
    run: input.run === 'onSave' || input.run === 'onType' ? input.run : base.run,
    rulesetFile: typeof input.rulesetFile === 'string' ? input.rulesetFile.trim() : base.rulesetFile,
    defaultAudience:
      input.defaultAudience === '' || isAudienceSetting(input.defaultAudience) ? input.defaultAudience : base.defaultAudience,
    audienceByGlob,
    validateFiles,
    debounceMs: nonNegativeNumber(input.debounceMs, base.debounceMs),
    lintTimeoutMs: nonNegativeNumber(input.lintTimeoutMs, base.lintTimeoutMs),
    allowRemote: typeof input.allowRemote === 'boolean' ? input.allowRemote : base.allowRemote,
    allowedRefRoots: Array.isArray(input.allowedRefRoots)
      ? input.allowedRefRoots.filter((dir): dir is string => typeof dir === 'string' && dir.trim().length > 0)
      : base.allowedRefRoots,
    trace: {
      server: traceServer === 'messages' || traceServer === 'verbose' || traceServer === 'off' ? traceServer : base.trace.server,
    },
  };
}

/**
 * Settings per resource. With a client that supports workspace/configuration they are asked for per
 * document uri and cached until didChangeConfiguration; otherwise the initializationOptions (or the
 * didChangeConfiguration payload) apply to every document.
 */
export class SettingsStore {
  /**
   * Per document uri. Bound: 1024 uris (least recently used dropped, asked for again when needed); open
   * documents are forgotten on close and everything on didChangeConfiguration. "Lint workspace" asks for
   * every file of the workspace, which is why the bound matters.
   */
  private readonly cache = new BoundedMap<string, Promise<Settings>>(1024);
  private global: Settings;

  constructor(
    private readonly connection: Connection,
    private readonly clientSupportsConfiguration: boolean,
    initialSettings: unknown,
  ) {
    this.global = normalizeSettings(initialSettings);
  }

  get(uri: string): Promise<Settings> {
    if (!this.clientSupportsConfiguration) return Promise.resolve(this.global);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then((raw) => normalizeSettings(raw, this.global))
        .catch((error: unknown) => {
          log(this.connection, 'error', `Could not read settings for ${uri}: ${String(error)}`);
          this.cache.delete(uri);
          return this.global;
        });
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** didChangeConfiguration: pull clients send no payload; push clients send `{ apiExposureLint: {...} }`. */
  onDidChangeConfiguration(payload: unknown): void {
    this.cache.clear();
    if (isRecord(payload) && isRecord(payload[SETTINGS_SECTION])) {
      this.global = normalizeSettings(payload[SETTINGS_SECTION]);
    }
  }

  /** Entries held (resource-bound tests). */
  get size(): number {
    return this.cache.size;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
