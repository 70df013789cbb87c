// Plain data types shared by the engine, the CLI, the language server and the fixers.
// Nothing here knows about LSP, VS Code or Spectral classes: only JSON-serialisable shapes,
// so results can cross a worker boundary or a JSON-RPC connection unchanged.

export const EXTERNAL_AUDIENCES = ['external-public', 'external-partner'] as const;
export const INTERNAL_AUDIENCES = ['company-internal', 'business-unit-internal', 'component-internal'] as const;
export const AUDIENCES = [...EXTERNAL_AUDIENCES, ...INTERNAL_AUDIENCES] as const;

export type Audience = (typeof AUDIENCES)[number];
export type AudienceKind = 'external' | 'internal';

/** Where an operation's audience came from, most specific first. */
export type AudienceSource =
  | 'operation' // operation x-audience / x-internal
  | 'path' // path item x-audience / x-internal
  | 'info' // info.x-audience, root x-audience or x-api-audience
  | 'glob' // a glob mapping from the ruleset, the settings or the CLI
  | 'default' // the configured default audience
  | 'fallback'; // nothing said anything: treated as external-public

export interface ResolvedAudience {
  audience: Audience;
  kind: AudienceKind;
  source: AudienceSource;
  /** Human-readable origin, e.g. "info.x-audience", "glob apis/partner/** (.spectral.yaml)". */
  detail: string;
}

/** One glob → audience mapping. Globs match paths relative to `baseDir` (or the file name if no baseDir). */
export interface AudienceGlob {
  glob: string;
  audience: Audience;
  /** Where the mapping was declared, shown to the user ("settings", "/repo/.spectral.yaml", "--audience-glob"). */
  origin: string;
  baseDir?: string;
}

export interface AudienceConfig extends ExposureRuleOptions {
  defaultAudience?: Audience;
  audienceByGlob?: AudienceGlob[];
  /** Rule name → where its findings are kept and at which severity, by audience (ruleset `x-exposure.rules`). */
  ruleScopes?: Record<string, RuleAudienceScope>;
}

/** An audience, or a group of audiences: 'external' (external-public, external-partner) or 'internal' (the three internal ones). */
export type AudienceSelector = Audience | AudienceKind;

/**
 * Scopes any rule (built-in, spectral:oas, OWASP, a team's own) to audiences. A finding belongs to the
 * operation its path is under; a finding outside every operation concerns all of the document's operations.
 */
export interface RuleAudienceScope {
  /** The rule's findings are kept only for operations of these audiences. Absent: every audience. */
  audiences?: AudienceSelector[];
  /** Severity per audience or group (the audience wins over its group); 'off' drops the finding. Absent: the rule's own. */
  severity?: Partial<Record<AudienceSelector, Severity | 'off'>>;
}

/** Options of the exposure rules, from the ruleset's `x-exposure` block (lists add to the built-in ones). */
export interface ExposureRuleOptions {
  /** Host globs that are internal besides the built-in ones (external-no-internal-hosts). */
  internalHosts?: string[];
  /** Host globs never reported as internal (external-no-internal-hosts). */
  publicHosts?: string[];
  /** Property names that expose internals in error schemas, besides the built-in ones (external-error-no-internals). */
  internalErrorProperties?: string[];
}

export const EXPOSURE_RULE_OPTION_KEYS = ['internalHosts', 'publicHosts', 'internalErrorProperties'] as const;

export type Severity = 'error' | 'warn' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warn', 'info', 'hint'];

/** 0-based, like LSP and Spectral. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export type JsonPath = (string | number)[];

export interface Finding {
  /** Rule name, or "parser" / "ruleset" / "lint-timeout" / "lint-error" for problems that are not rule results. */
  code: string;
  message: string;
  severity: Severity;
  path: JsonPath;
  range: Range;
  /** Absolute path of the file the finding is in (may differ from the linted file for $ref'd files). */
  source?: string;
  /** For a finding in a $ref'd file (`path` is then inside that file): where it sits in the linted root's tree. */
  rootPath?: JsonPath;
  /** For a finding in a $ref'd file: the `$ref` in the linted root through which that file is used. */
  via?: RefLocation;
  /** Effective audience of the operation the finding belongs to, when it belongs to one. */
  audience?: Audience;
  audienceSource?: AudienceSource;
  documentationUrl?: string;
  /**
   * For a finding outside the operations (a server, a security scheme, a shared error schema, `info`): the
   * operations it concerns, when its rule says so (the built-in exposure rules do). Hover, CodeLens and the
   * exposure inventory count it against those operations, not only against the ones it is written under.
   */
  concerns?: OperationRef[];
}

/** An operation by its path key and lower-case method. */
export interface OperationRef {
  path: string;
  method: string;
}

/** Per-operation audience, for hover / CodeLens / status bar. */
export interface OperationAudience {
  path: string;
  method: string;
  /** JSON path of the operation: ["paths", path, method]. */
  jsonPath: JsonPath;
  range: Range;
  resolved: ResolvedAudience;
}

/** An edit on the document text, by UTF-16 offset, like TextDocument.offsetAt. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** Stable identifier of the kind of fix, e.g. "external-oauth2/operation". */
  id: string;
  edits: TextEdit[];
  /** The fix most users want; editors show it first / apply it on Ctrl+. */
  isPreferred?: boolean;
  /** Safe to apply without looking (used by fix-all and --fix). */
  safe: boolean;
}

export type DocumentFormat = 'yaml' | 'json';

/** A `$ref` as written in a file. */
export interface RefLocation {
  /** Absolute path of the file holding the `$ref`. */
  file: string;
  /** JSON path of the object holding the `$ref`. */
  path: JsonPath;
  /** Range of the `$ref` value. */
  range: Range;
}

export interface LintResult {
  /** false when the text is not an OpenAPI/Swagger document: nothing was linted. */
  isOpenApi: boolean;
  format: DocumentFormat;
  findings: Finding[];
  operations: OperationAudience[];
  /** The ruleset in effect: a file path or a built-in name. */
  ruleset: string;
  /**
   * The ruleset that applies to the document (configured, else discovered, else the built-in default name): the one
   * a `rulesetError` is about. It differs from `ruleset` while a fallback is in use. Absent when no ruleset was
   * looked for (not OpenAPI, too large, refused).
   */
  rulesetRequested?: string;
  /** Local files the ruleset in effect was built from (the file itself, extended rulesets, function files): what to watch. */
  rulesetSources?: string[];
  /** Set when the configured ruleset failed and a fallback was used. */
  rulesetError?: string;
  /** Workspace code (custom functions, JS/npm rulesets) not run because the workspace is not trusted. */
  untrustedCodeSkipped?: string[];
  /** Local files the document reaches through `$ref`s (transitively) and that were read. */
  references?: string[];
  /** Local files it `$ref`s that could not be read (missing, refused): creating one changes its results. */
  missingReferences?: string[];
  /** Operations of referenced files, as this document uses them (with its audience), by file. */
  referencedOperations?: ReferencedOperation[];
  /** Set on the answer to `exposureOnly`: only the exposure rules' findings. */
  phase?: 'exposure';
  /** With `phase`: this document needs the complete lint even for its exposure findings. */
  exposureUnavailable?: boolean;
}

/** An operation defined in a $ref'd file, with the audience it has in the root that uses it. */
export interface ReferencedOperation extends OperationAudience {
  /** The file the operation is written in. */
  file: string;
  /** JSON path of the operation inside that file. */
  filePath: JsonPath;
  /** The `$ref` in the root through which it is used. */
  via: RefLocation;
}
