// Turns a document + its normalised settings into the engine's LintOptions, or says why it is not linted.
// Only what is the editor's own is decided here (uri → path, workspace folder, validateFiles); the options
// themselves come from the engine's shared builder, as the CLI's do.
import path from 'node:path';
import type { LintOptions } from '../engine/lint-options';
import { lintOptionsFor, trustOptions, type LintProfile } from '../engine/lint-request';
import type { Settings } from '../protocol';
import { matchesValidateFiles, uriToPath, type WorkspaceFolders } from './workspace';
import { resolveRulesetReference } from '../engine/ruleset/discover';

export interface TrustState {
  trustWorkspaceCode: boolean;
}

export type LintRequest = { kind: 'lint'; options: LintOptions; folder?: string } | { kind: 'skip'; reason: 'disabled' | 'excluded' };

/** Where a document is linted from, before its text is read. */
export type LintTarget =
  | { kind: 'lint'; filePath: string; folder?: string; root: string; profile: LintProfile }
  | { kind: 'skip'; reason: 'disabled' | 'excluded' };

/** Relative paths are relative to the workspace folder (else the document's folder). */
export function resolveRulesetSetting(setting: string, folder: string | undefined, filePath: string): string | undefined {
  return setting ? resolveRulesetReference(setting, folder ?? path.dirname(filePath)) : undefined;
}

/** Untitled buffers get a pseudo path inside the first workspace folder, so discovery and globs still work. */
export function documentPath(uri: string, languageId: string, folders: WorkspaceFolders): string {
  const filePath = uriToPath(uri);
  if (filePath) return filePath;
  const name = (uri.split(/[/:]/).pop() || 'untitled').replace(/[^\w.-]/g, '_');
  const extension = /\.(ya?ml|json)$/i.test(name) ? '' : languageId === 'json' || languageId === 'jsonc' ? '.json' : '.yaml';
  return path.join(folders.all()[0] ?? process.cwd(), name + extension);
}

export function settingsProfile(
  settings: Settings,
  folder: string | undefined,
  filePath: string,
  root: string,
  trust: TrustState,
): LintProfile {
  return {
    rulesetFile: resolveRulesetSetting(settings.rulesetFile, folder, filePath),
    audience: {
      defaultAudience: settings.defaultAudience || undefined,
      globs: Object.entries(settings.audienceByGlob).map(([glob, audience]) => ({ glob, audience })),
      origin: 'settings',
      baseDir: folder,
    },
    trustWorkspaceCode: trust.trustWorkspaceCode,
    allowRemote: settings.allowRemote,
    allowRefRoots: settings.allowedRefRoots,
    refRootsBase: root,
    onRulesetError: 'fallback',
    timeoutMs: settings.lintTimeoutMs,
  };
}

/** Whether and how a document is linted; decided without its text, so "Lint workspace" reads only files it lints. */
export function lintTarget(
  document: { uri: string; languageId: string },
  settings: Settings,
  folders: WorkspaceFolders,
  trust: TrustState,
): LintTarget {
  if (!settings.enable) return { kind: 'skip', reason: 'disabled' };
  const filePath = documentPath(document.uri, document.languageId, folders);
  const folder = folders.folderOf(filePath);
  const isFile = uriToPath(document.uri) !== undefined;
  if (isFile && !matchesValidateFiles(filePath, folder, settings.validateFiles)) return { kind: 'skip', reason: 'excluded' };
  // Outside any workspace folder, a file only sees its own folder: no walking up into the user's home.
  const root = folder ?? path.dirname(filePath);
  return { kind: 'lint', filePath, folder, root, profile: settingsProfile(settings, folder, filePath, root, trust) };
}

/**
 * The folders a file's `$ref`s may read (navigation, the reverse `$ref` index): those of its lint, or, for a file
 * that is not linted, its workspace folder (else its own folder).
 */
export function refRootsFor(
  document: { uri: string; languageId: string },
  settings: Settings,
  folders: WorkspaceFolders,
  trust: TrustState,
): string[] {
  const target = lintTarget(document, settings, folders, trust);
  if (target.kind === 'lint') return trustOptions(target.root, target.profile).allowedRoots;
  const filePath = documentPath(document.uri, document.languageId, folders);
  return [folders.folderOf(filePath) ?? path.dirname(filePath)];
}

export function buildLintRequest(
  document: { uri: string; languageId: string },
  text: string,
  settings: Settings,
  folders: WorkspaceFolders,
  trust: TrustState,
): LintRequest {
  const target = lintTarget(document, settings, folders, trust);
  if (target.kind === 'skip') return target;
  return {
    kind: 'lint',
    options: lintOptionsFor({ filePath: target.filePath, text, root: target.root }, target.profile),
    folder: target.folder,
  };
}
