// Turns a document + its normalised settings into the engine's LintOptions, or says why it is not linted.
import path from 'node:path';
import type { LintOptions } from '../engine/lint-options';
import type { AudienceConfig } from '../engine/types';
import type { Settings } from '../protocol';
import { matchesValidateFiles, uriToPath, type WorkspaceFolders } from './workspace';
import { resolveRulesetReference } from '../engine/ruleset/discover';

export interface TrustState {
  trustWorkspaceCode: boolean;
}

export type LintRequest =
  | { kind: 'lint'; options: LintOptions; folder?: string }
  | { kind: 'skip'; reason: 'disabled' | 'excluded' };

/** Relative paths are relative to the workspace folder (else the document's folder). */
export function resolveRulesetSetting(setting: string, folder: string | undefined, filePath: string): string | undefined {
  return setting ? resolveRulesetReference(setting, folder ?? path.dirname(filePath)) : undefined;
}

export function audienceConfig(settings: Settings, folder: string | undefined): AudienceConfig {
  const config: AudienceConfig = {};
  if (settings.defaultAudience) config.defaultAudience = settings.defaultAudience;
  const globs = Object.entries(settings.audienceByGlob);
  if (globs.length > 0) {
    config.audienceByGlob = globs.map(([glob, audience]) => ({ glob, audience, origin: 'settings', baseDir: folder }));
  }
  return config;
}

/** Untitled buffers get a pseudo path inside the first workspace folder, so discovery and globs still work. */
export function documentPath(uri: string, languageId: string, folders: WorkspaceFolders): string {
  const filePath = uriToPath(uri);
  if (filePath) return filePath;
  const name = (uri.split(/[/:]/).pop() || 'untitled').replace(/[^\w.-]/g, '_');
  const extension = /\.(ya?ml|json)$/i.test(name) ? '' : languageId === 'json' || languageId === 'jsonc' ? '.json' : '.yaml';
  return path.join(folders.all()[0] ?? process.cwd(), name + extension);
}

export function buildLintRequest(
  document: { uri: string; languageId: string },
  text: string,
  settings: Settings,
  folders: WorkspaceFolders,
  trust: TrustState,
): LintRequest {
  if (!settings.enable) return { kind: 'skip', reason: 'disabled' };
  const filePath = documentPath(document.uri, document.languageId, folders);
  const folder = folders.folderOf(filePath);
  const isFile = uriToPath(document.uri) !== undefined;
  if (isFile && !matchesValidateFiles(filePath, folder, settings.validateFiles)) return { kind: 'skip', reason: 'excluded' };
  // Outside any workspace folder, a file only sees its own folder: no walking up into the user's home.
  const root = folder ?? path.dirname(filePath);
  const options: LintOptions = {
    filePath,
    text,
    discoveryRoot: root,
    audience: audienceConfig(settings, folder),
    trust: {
      trustWorkspaceCode: trust.trustWorkspaceCode,
      allowRemote: settings.allowRemote,
      allowedRoots: [root, ...settings.allowedRefRoots.map((dir) => path.resolve(root, dir))],
    },
    onRulesetError: 'fallback',
    timeoutMs: settings.lintTimeoutMs,
  };
  const rulesetFile = resolveRulesetSetting(settings.rulesetFile, folder, filePath);
  if (rulesetFile) options.rulesetFile = rulesetFile;
  return { kind: 'lint', options, folder };
}
