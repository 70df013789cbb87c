// The one place a lint request is put together, for every front end: the CLI's lint, report and diff commands
// and the language server's document, workspace and background lints. Front ends say what they know (the file,
// the folder it belongs to, what the user chose); audiences, trust, the folders $refs may read and the size limit
// are decided here, so the CLI and the editor cannot drift apart. Transport-free and I/O-free.
import * as nodePath from 'node:path';
import type { Audience, AudienceConfig } from './types';
import type { TrustOptions } from './host';
import type { LintOptions } from './lint-options';

/** The user's audience choices: a default, and globs mapping files to audiences. */
export interface AudienceChoice {
  defaultAudience?: Audience;
  globs: readonly { glob: string; audience: Audience }[];
  /** Where the globs were declared, shown in hovers and reports ("settings", "--audience-glob"). */
  origin: string;
  /** The folder globs are relative to. */
  baseDir?: string;
}

/** What stays the same for every file of a CLI run, or of a workspace folder's settings. */
export interface LintProfile {
  /** The ruleset the user chose (--ruleset, the rulesetFile setting), resolved. Absent: the nearest .spectral.*, else the built-in default. */
  rulesetFile?: string;
  audience: AudienceChoice;
  trustWorkspaceCode: boolean;
  allowRemote: boolean;
  /** More folders `$ref`s may read (--allow-ref-root, allowedRefRoots), as typed: relative ones are relative to `refRootsBase`. */
  allowRefRoots: readonly string[];
  refRootsBase: string;
  onRulesetError: 'throw' | 'fallback';
  timeoutMs?: number;
  /** Documents larger than this many characters are reported, not linted. Absent: DEFAULT_MAX_DOCUMENT_SIZE. */
  maxDocumentSize?: number;
}

/** One file to lint. */
export interface LintSubject {
  filePath: string;
  text: string;
  /** The folder the file belongs to (workspace folder, repository root): ruleset discovery stops there and `$ref`s may read below it. */
  root: string;
  /** Texts of other files to read instead of the disk (open editors, fixed but unwritten files, a base commit). */
  openDocuments?: Record<string, string>;
}

export function audienceConfig(choice: AudienceChoice): AudienceConfig {
  const config: AudienceConfig = {};
  if (choice.defaultAudience) config.defaultAudience = choice.defaultAudience;
  if (choice.globs.length > 0) {
    config.audienceByGlob = choice.globs.map(({ glob, audience }) => ({ glob, audience, origin: choice.origin, baseDir: choice.baseDir }));
  }
  return config;
}

/**
 * Folders `$ref`s may read: the file's root, the folders the user added, and the folder of a ruleset file the user
 * chose. Choosing a ruleset is a user decision (in an untrusted VS Code workspace the workspace cannot make it), so
 * what sits next to it, such as shared schemas of a team's guidelines, is readable even outside the repository.
 */
export function allowedRoots(root: string, profile: Pick<LintProfile, 'allowRefRoots' | 'refRootsBase' | 'rulesetFile'>): string[] {
  const roots = [root, ...profile.allowRefRoots.map((dir) => nodePath.resolve(profile.refRootsBase, dir))];
  // Built-in names and URLs are not absolute paths: nothing to add for them.
  if (profile.rulesetFile && nodePath.isAbsolute(profile.rulesetFile)) roots.push(nodePath.dirname(profile.rulesetFile));
  return [...new Set(roots)];
}

export function trustOptions(root: string, profile: LintProfile): TrustOptions {
  return { trustWorkspaceCode: profile.trustWorkspaceCode, allowRemote: profile.allowRemote, allowedRoots: allowedRoots(root, profile) };
}

export function lintOptionsFor(subject: LintSubject, profile: LintProfile): LintOptions {
  const options: LintOptions = {
    filePath: subject.filePath,
    text: subject.text,
    discoveryRoot: subject.root,
    audience: audienceConfig(profile.audience),
    trust: trustOptions(subject.root, profile),
    onRulesetError: profile.onRulesetError,
  };
  if (profile.rulesetFile) options.rulesetFile = profile.rulesetFile;
  if (profile.timeoutMs !== undefined) options.timeoutMs = profile.timeoutMs;
  if (profile.maxDocumentSize !== undefined) options.maxDocumentSize = profile.maxDocumentSize;
  if (subject.openDocuments) options.openDocuments = subject.openDocuments;
  return options;
}
