import type { DocumentFormat, Finding, OperationAudience, Severity } from '../../engine/types';

/** What the CLI learned about one file it was asked to lint. */
export interface FileReport {
  /** Absolute path of the linted file. */
  file: string;
  findings: Finding[];
  /** Why the file was not linted (e.g. not an OpenAPI document); findings is then empty. */
  skipped?: string;
  /** How the document was parsed (for fixes). */
  format?: DocumentFormat;
  /** The ruleset in effect (file path or built-in name). */
  ruleset?: string;
  /** Workspace code the ruleset has but that was not run (untrusted workspace). */
  untrustedCodeSkipped?: string[];
  /** Files the document $refs (transitively) that were linted with it. */
  references?: string[];
  /** Every operation with its audience (for the report command's inventory). */
  operations?: OperationAudience[];
}

/** Rule metadata for SARIF's tool.driver.rules; derived from findings when the engine does not supply it. */
export interface RuleMetadata {
  id: string;
  description?: string;
  documentationUrl?: string;
  severity?: Severity;
}

export interface FormatOptions {
  /** Paths in the output are relative to this directory. */
  cwd: string;
  /** ANSI colours (stylish only). */
  color?: boolean;
  /** Wall-clock duration of the run, shown in the stylish summary. */
  elapsedMs?: number;
  /** Stylish on a terminal: its width in columns; messages wrap to fit. Unset (piped, --output): full lines. */
  width?: number;
  /** Stylish: end with the summary line (default true; --quiet turns it off). */
  summary?: boolean;
  toolVersion?: string;
  rules?: RuleMetadata[];
}

export type Formatter = (files: FileReport[], options: FormatOptions) => string;
