// One call from a ruleset and a document to findings, through the same Linter as the CLI and the editor:
// what a team's ruleset tests need, without knowing about hosts, trust options or ruleset discovery.
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { Linter, createNodeHost, isBuiltinRulesetName } from '../node';
import type { Audience, AudienceGlob, Finding, LintResult } from '../engine';

export interface LintWithRulesetOptions {
  /** Ruleset file (absolute, or relative to the current directory) or a built-in name such as `api-exposure-lint:recommended`. */
  ruleset: string;
  /**
   * The document: its text, or the path of a file holding it. A string without a line break that names
   * an existing file is read from that file; anything else is the text itself.
   */
  document: string;
  /**
   * Where the document pretends to live, which decides the ruleset's glob mappings (`overrides[].files`,
   * `x-exposure.audienceByGlob`). Relative paths are relative to the ruleset's directory, like the globs
   * themselves. Default: the document's file, else `openapi.yaml` (or `.json`) next to the ruleset.
   */
  filePath?: string;
  /** Default audience, as `--audience` on the command line. */
  audience?: Audience;
  /** Extra glob → audience mappings (relative to the ruleset's directory), as `--audience-glob`. */
  audienceByGlob?: Record<string, Audience>;
  /** Run the ruleset's JavaScript (custom functions, JS/npm rulesets). Default true: a team tests its own code. */
  trustWorkspaceCode?: boolean;
}

/** Thrown when the document is not OpenAPI: a "valid" case that is silently not linted would prove nothing. */
export class NotOpenApiError extends Error {
  override name = 'NotOpenApiError';
}

let sharedLinter: Linter | undefined;
// One Linter per process: its ruleset cache makes a suite of many cases load each ruleset once.
const linter = () => (sharedLinter ??= new Linter(createNodeHost()));

function isFileReference(document: string): boolean {
  return !/[\r\n]/.test(document) && document.length < 4096 && existsSync(document);
}

function rulesetPath(ruleset: string): string {
  return isBuiltinRulesetName(ruleset) ? ruleset : nodePath.resolve(ruleset);
}

function documentPath(options: LintWithRulesetOptions, rulesetFile: string, documentFile: string | undefined, text: string): string {
  const base = isBuiltinRulesetName(rulesetFile) ? process.cwd() : nodePath.dirname(rulesetFile);
  if (options.filePath) return nodePath.resolve(base, options.filePath);
  if (documentFile) return nodePath.resolve(documentFile);
  return nodePath.join(base, text.trimStart().startsWith('{') ? 'openapi.json' : 'openapi.yaml');
}

/** The full lint result: findings, and each operation's audience with where it came from. */
export async function lintResultWithRuleset(options: LintWithRulesetOptions): Promise<LintResult> {
  const rulesetFile = rulesetPath(options.ruleset);
  const documentFile = isFileReference(options.document) ? options.document : undefined;
  const text = documentFile ? readFileSync(documentFile, 'utf8') : options.document;
  const filePath = documentPath(options, rulesetFile, documentFile, text);
  const globBase = isBuiltinRulesetName(rulesetFile) ? process.cwd() : nodePath.dirname(rulesetFile);
  const audienceByGlob: AudienceGlob[] = Object.entries(options.audienceByGlob ?? {}).map(([glob, audience]) => ({
    glob,
    audience,
    origin: 'test',
    baseDir: globBase,
  }));

  const result = await linter().lint({
    filePath,
    text,
    rulesetFile,
    audience: { ...(options.audience ? { defaultAudience: options.audience } : {}), ...(audienceByGlob.length ? { audienceByGlob } : {}) },
    // The team's own fixtures: $refs may point anywhere in their repository.
    trust: { trustWorkspaceCode: options.trustWorkspaceCode ?? true, allowRemote: false, allowedRoots: [] },
    onRulesetError: 'throw',
  });
  if (!result.isOpenApi)
    throw new NotOpenApiError(
      `${documentFile ?? 'the document'} is not an OpenAPI 2.0/3.x document (no openapi: or swagger: key), so nothing was linted`,
    );
  return result;
}

/** Lints a document with a ruleset and returns its findings, in document order. */
export async function lintWithRuleset(options: LintWithRulesetOptions): Promise<Finding[]> {
  return (await lintResultWithRuleset(options)).findings;
}
