// The only contract shared by client/ (VS Code extension) and server/ (language server).
// Type-only and constant-only: importing it must not pull the engine or vscode into either side.

export const EXTENSION_ID = 'apiExposureLint';
/** Settings section: every setting is `apiExposureLint.<key>` and has `"scope": "resource"`. */
export const SETTINGS_SECTION = 'apiExposureLint';
/** `diagnostic.source` of everything this server publishes. */
export const DIAGNOSTIC_SOURCE = 'api-exposure-lint';
/**
 * Added to the environment the language server process starts with. glibc's allocator keeps much of what ended
 * threads freed (the lint workers, released when documents close), its thresholds growing with the big blocks a lint
 * allocates: fixed at 4 MB, it gives that memory back. Measured (docs/benchmarks.md): after Blockfrost's spec is
 * closed the server keeps ~163 MB instead of ~205 MB, after GitHub's ~175 instead of ~190 (115 MB before either was
 * opened), typing as fast (128 KB thresholds gave back more but slowed keystroke results by 15–40 ms). glibc reads
 * them when the process starts, so the launcher must set them; other allocators ignore them.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: '4194304',
  MALLOC_TRIM_THRESHOLD_: '4194304',
};
/** Code action kind of fix-all, so users can put it in `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.apiExposureLint';

export type AudienceSetting = 'external-public' | 'external-partner' | 'company-internal' | 'business-unit-internal' | 'component-internal';

/** Raw settings as VS Code (or another client) sends them; normalised on the server in one place. */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** Ruleset file (absolute, or relative to the workspace folder) or a built-in ruleset name; empty = discover. */
  rulesetFile: string;
  /** Audience of operations for which neither the document nor a glob says anything; empty = treated as external. */
  defaultAudience: AudienceSetting | '';
  /** Glob (relative to the workspace folder) → audience. */
  audienceByGlob: Record<string, AudienceSetting>;
  /** Globs of files to lint (relative to the workspace folder); documents must also look like OpenAPI. */
  validateFiles: string[];
  /** Debounce between a keystroke and the lint, in ms. */
  debounceMs: number;
  /** Time budget of one lint in ms; a lint that runs longer is stopped and reported. */
  lintTimeoutMs: number;
  /** Fetch remote rulesets and $refs (off by default). */
  allowRemote: boolean;
  /** Folders beyond the workspace folder that $refs may read (absolute, or relative to the workspace folder). */
  allowedRefRoots: string[];
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  rulesetFile: '',
  defaultAudience: '',
  audienceByGlob: {},
  validateFiles: ['**/*.{yaml,yml,json}'],
  debounceMs: 200,
  lintTimeoutMs: 30000,
  allowRemote: false,
  allowedRefRoots: [],
  trace: { server: 'off' },
};

/** initializationOptions the VS Code client sends. Other editors may omit it (defaults apply). */
export interface InitializationOptions {
  /** VS Code workspace trust; standalone servers use --trust-workspace-code. */
  workspaceTrusted?: boolean;
  settings?: Partial<Settings>;
  /** VS Code's `http.proxy` / `http.proxyStrictSSL`, used for remote rulesets and $refs (when allowed). */
  proxy?: { url?: string; strictSSL?: boolean };
}

/** Server → client: what the status bar shows for a document. */
export const STATUS_NOTIFICATION = 'apiExposureLint/status';
export interface StatusParams {
  uri: string;
  /** Ruleset in effect: a path or a built-in name. */
  ruleset: string;
  /** Set when the configured ruleset failed and a fallback is in use. */
  rulesetError?: string;
  /** The document's audience summary, e.g. "external-public" or "mixed (3 external, 1 internal)"; absent when not OpenAPI. */
  audience?: string;
  /** Why: e.g. "info.x-audience". */
  audienceSource?: string;
  isOpenApi: boolean;
  state: 'linting' | 'done' | 'disabled' | 'error';
  /** Set when workspace code (JS functions, npm rulesets) was not run because the workspace is untrusted. */
  untrustedCodeSkipped?: boolean;
}

/** Client → server: the workspace trust changed (VS Code grants trust at runtime). */
export const TRUST_CHANGED_NOTIFICATION = 'apiExposureLint/workspaceTrustChanged';
export interface TrustChangedParams {
  trusted: boolean;
}

/** Client → server: lint every OpenAPI file of the workspace; diagnostics are published for each. */
export const LINT_WORKSPACE_REQUEST = 'apiExposureLint/lintWorkspace';
export interface LintWorkspaceResult {
  files: number;
  findings: number;
}

/** Commands contributed by the extension. */
export const COMMANDS = {
  lintWorkspace: 'apiExposureLint.lintWorkspace',
  restartServer: 'apiExposureLint.restartServer',
  showOutput: 'apiExposureLint.showOutput',
  showRuleDocumentation: 'apiExposureLint.showRuleDocumentation',
  refreshExposureView: 'apiExposureLint.refreshExposureView',
  openExposureReport: 'apiExposureLint.openExposureReport',
} as const;

/** The "API Exposure" view in the explorer. */
export const EXPOSURE_VIEW_ID = 'apiExposureLint.exposureView';

/**
 * What `diagnostic.data` carries: with the diagnostic's code, what a quick fix is computed from (the JSON path,
 * and the document version the diagnostic was computed for: no fix for any other version), without a re-lint.
 */
export interface DiagnosticData {
  path: (string | number)[];
  /** The audience of the finding's operation and where it came from: for clients (the server's hover shows the same). */
  audience?: AudienceSetting;
  audienceSource?: string;
  /** Document version the diagnostic was computed for. */
  version: number;
}

/**
 * Client → server: the exposure inventory of the workspace (every OpenAPI document the server lints, each
 * operation with its audience and the status of each exposure requirement), for the "API Exposure" view.
 * Lints the workspace like LINT_WORKSPACE_REQUEST (diagnostics are published on the way).
 */
export const EXPOSURE_INVENTORY_REQUEST = 'apiExposureLint/exposureInventory';
export interface ExposureInventoryParams {
  /** Also render the inventory as the CLI's self-contained HTML report page. */
  html?: boolean;
}
export interface ExposureRequirementInfo {
  rule: string;
  passed: boolean;
  severity?: 'error' | 'warn' | 'info' | 'hint';
  /** The first finding's message, when it failed. */
  message?: string;
}
export interface ExposureOperationInfo {
  method: string;
  path: string;
  audience: AudienceSetting;
  kind: 'external' | 'internal';
  /** Where the audience came from, e.g. "info.x-audience". */
  audienceDetail: string;
  /** 0-based range of the operation in its document. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  requirements: ExposureRequirementInfo[];
  /** 0–100: the share of the requirements that apply to its audience that it passes. */
  score: number;
}
export interface ExposureDocumentInfo {
  uri: string;
  /** Path relative to its workspace folder (prefixed by the folder's name in a multi-root workspace). */
  label: string;
  score: number | null;
  operations: ExposureOperationInfo[];
}
export interface ExposureInventoryResult {
  documents: ExposureDocumentInfo[];
  score: number | null;
  html?: string;
}
