// Loading a ruleset bundles it with rollup: tens of milliseconds at best, so it happens once per ruleset
// and trust setting, and again only when one of the files it was built from changed on disk.
import type { EngineHost, TrustOptions } from '../host';
import { loadRulesetFile, type LoadedRuleset } from './load';
import { BoundedMap } from '../bounded-map';

interface Entry {
  promise: Promise<LoadedRuleset>;
  mtimes?: Map<string, number | undefined>;
}

export class RulesetCache {
  /**
   * Per ruleset file × trust × remote setting. Bound: 64 entries, least recently used dropped (it is loaded
   * again if needed). A ruleset broken and repaired replaces its own entry; a failed load leaves none.
   */
  static readonly MAX_ENTRIES = 64;
  private readonly entries = new BoundedMap<string, Entry>(RulesetCache.MAX_ENTRIES);

  constructor(private readonly host: EngineHost) {}

  async get(file: string, trust: TrustOptions): Promise<LoadedRuleset> {
    const key = `${file}\0${trust.trustWorkspaceCode}\0${trust.allowRemote}`;
    const existing = this.entries.get(key);
    if (existing && (await this.isFresh(existing))) return existing.promise;
    const entry: Entry = { promise: loadRulesetFile(file, this.host, trust) };
    this.entries.set(key, entry);
    try {
      const loaded = await entry.promise;
      entry.mtimes = await this.snapshot(loaded.dependencies);
      return loaded;
    } catch (error) {
      // Failed loads are retried next time: the user is probably fixing the file right now.
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw error;
    }
  }

  /** Forget rulesets built from `path` (or everything). Returns true when something was dropped. */
  invalidate(path?: string): boolean {
    let dropped = false;
    for (const [key, entry] of this.entries) {
      if (path === undefined || key.startsWith(path + '\0') || entry.mtimes?.has(path)) {
        this.entries.delete(key);
        dropped = true;
      }
    }
    return dropped;
  }

  /** Every local file some cached ruleset was built from: what an editor should watch. */
  dependencies(): string[] {
    const all = new Set<string>();
    for (const entry of this.entries.values()) for (const dep of entry.mtimes?.keys() ?? []) all.add(dep);
    return [...all];
  }

  private async isFresh(entry: Entry): Promise<boolean> {
    if (!entry.mtimes) return true; // still loading
    for (const [path, mtime] of entry.mtimes) {
      if ((await this.host.fs.mtime(path)) !== mtime) return false;
    }
    return true;
  }

  private async snapshot(paths: string[]): Promise<Map<string, number | undefined>> {
    const mtimes = new Map<string, number | undefined>();
    for (const p of paths) mtimes.set(p, await this.host.fs.mtime(p));
    return mtimes;
  }
}
