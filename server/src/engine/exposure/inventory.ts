// The inventory behind `api-exposure-lint report` and the editor's "API Exposure" view: every operation
// with its audience, where the audience came from, and the status of each exposure requirement, plus
// readiness scores. Built from lint results only (findings and operation audiences), so a new exposure rule
// shows up as a new requirement without changes here.
//
// Readiness score (documented in docs/cli.md):
//   operation score = 100 × (exposure requirements that apply to its audience and have no finding on it)
//                          / (exposure requirements that apply to its audience)
//   document score for an audience = the mean of the scores of its operations of that audience
//   overall score for an audience  = the mean over every operation of that audience, in every document
//   overall score                  = the mean over every operation
// Scores are rounded to whole numbers only when shown; a document with no operations has no score.
import { installedRules } from '../rules/installed';
import { isAboutOperation } from '../operation-findings';
import {
  AUDIENCES,
  type Audience,
  type AudienceKind,
  type AudienceSource,
  type Finding,
  type OperationAudience,
  type Severity,
} from '../types';

export type RequirementScope = AudienceKind | 'document';

export interface RequirementRule {
  code: string;
  appliesTo: RequirementScope;
  description?: string;
  documentationUrl?: string;
}

/** The exposure requirements: every built-in exposure rule, with the audiences it applies to. */
export function exposureRequirements(): RequirementRule[] {
  // The module says whom a rule applies to, whatever its code (exposure-servers-marked is about the document).
  return installedRules().map((meta) => ({
    code: meta.code,
    appliesTo: meta.appliesTo,
    description: meta.description,
    documentationUrl: meta.documentationUrl,
  }));
}

export interface RequirementStatus {
  rule: string;
  passed: boolean;
  /** The most severe finding of the rule, when it failed. */
  severity?: Severity;
  messages: string[];
}

export interface InventoryOperation {
  method: string;
  path: string;
  /** 0-based line of the operation in its document. */
  line: number;
  audience: Audience;
  kind: AudienceKind;
  audienceSource: AudienceSource;
  audienceDetail: string;
  requirements: RequirementStatus[];
  /** Findings of other rules (spectral:oas, OWASP, team rules) on the operation. */
  otherFindings: number;
  /** 0–100, see the formula above. */
  score: number;
}

export interface InventoryDocument {
  /** As the caller names it (relative path, URI). */
  file: string;
  operations: InventoryOperation[];
  /** Document-wide exposure requirements (e.g. the audience is declared). */
  documentRequirements: RequirementStatus[];
  scoreByAudience: Partial<Record<Audience, number>>;
  score: number | null;
}

export interface Inventory {
  documents: InventoryDocument[];
  requirements: RequirementRule[];
  operationsByAudience: Partial<Record<Audience, number>>;
  scoreByAudience: Partial<Record<Audience, number>>;
  score: number | null;
}

export interface InventoryInput {
  /** How the document is named in the inventory (a relative path, a URI). */
  file: string;
  /** The path findings use in `source` for this document (its absolute path); defaults to `file`. */
  sourcePath?: string;
  findings: Finding[];
  operations: OperationAudience[];
}

const SEVERITY_ORDER: Severity[] = ['error', 'warn', 'info', 'hint'];

function status(rule: string, findings: Finding[]): RequirementStatus {
  const own = findings.filter((f) => f.code === rule);
  if (own.length === 0) return { rule, passed: true, messages: [] };
  const severity = SEVERITY_ORDER.find((s) => own.some((f) => f.severity === s));
  return { rule, passed: false, ...(severity ? { severity } : {}), messages: own.map((f) => f.message) };
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

function scoresByAudience(operations: InventoryOperation[]): Partial<Record<Audience, number>> {
  const scores: Partial<Record<Audience, number>> = {};
  for (const audience of AUDIENCES) {
    const value = mean(operations.filter((op) => op.audience === audience).map((op) => op.score));
    if (value !== null) scores[audience] = value;
  }
  return scores;
}

/**
 * Findings about one operation: under paths/<path>/<method> of the document itself, or written elsewhere (a
 * server, a security scheme, a shared error schema, possibly in a $ref'd file) and concerning it.
 */
function findingsOn(op: OperationAudience, findings: Finding[], file: string): Finding[] {
  return findings.filter((f) => isAboutOperation(f, op, !f.source || f.source === file));
}

export function buildInventory(inputs: InventoryInput[], requirements: RequirementRule[] = exposureRequirements()): Inventory {
  const codes = new Set(requirements.map((r) => r.code));
  const documents = inputs.map((input): InventoryDocument => {
    const operations = input.operations.map((op): InventoryOperation => {
      const own = findingsOn(op, input.findings, input.sourcePath ?? input.file);
      const applicable = requirements.filter((r) => r.appliesTo === op.resolved.kind);
      const statuses = applicable.map((r) => status(r.code, own));
      const passed = statuses.filter((s) => s.passed).length;
      return {
        method: op.method,
        path: op.path,
        line: op.range.start.line,
        audience: op.resolved.audience,
        kind: op.resolved.kind,
        audienceSource: op.resolved.source,
        audienceDetail: op.resolved.detail,
        requirements: statuses,
        otherFindings: own.filter((f) => !codes.has(f.code)).length,
        score: statuses.length ? (100 * passed) / statuses.length : 100,
      };
    });
    return {
      file: input.file,
      operations,
      documentRequirements: requirements.filter((r) => r.appliesTo === 'document').map((r) => status(r.code, input.findings)),
      scoreByAudience: scoresByAudience(operations),
      score: mean(operations.map((op) => op.score)),
    };
  });
  const all = documents.flatMap((d) => d.operations);
  const operationsByAudience: Partial<Record<Audience, number>> = {};
  for (const op of all) operationsByAudience[op.audience] = (operationsByAudience[op.audience] ?? 0) + 1;
  return { documents, requirements, operationsByAudience, scoreByAudience: scoresByAudience(all), score: mean(all.map((op) => op.score)) };
}
