// Findings of one file that come from linting other documents: the roots that `$ref` it. Each root's
// latest lint is kept whole (its findings by file); a file's diagnostics are the union over the roots
// that use it, identical findings merged, each saying through which root and `$ref` it was found.
import path from 'node:path';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Finding, ReferencedOperation } from '../engine/types';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import { toDiagnostic } from './diagnostics';
import { toLspRange } from './positions';
import { pathToUri } from './workspace';

export interface RootLint {
  rootUri: string;
  rootFile: string;
  /** Every finding of the root's lint, by the uri of the file it is in (the root's own included). */
  byUri: Map<string, Finding[]>;
  /** Operations of the files it $refs, with the audience they have in this root. */
  operations?: ReferencedOperation[];
}

/** A document that looks like a piece of an OpenAPI document but that no root in the workspace uses. */
export const UNREFERENCED_CODE = 'unreferenced-fragment';

function relatedTo(root: RootLint, finding: Finding): DiagnosticRelatedInformation | undefined {
  if (!finding.via) return undefined;
  const audience = finding.audience ? ` with audience ${finding.audience}` : '';
  return {
    location: { uri: pathToUri(finding.via.file), range: toLspRange(finding.via.range) },
    message: `Found linting ${path.basename(root.rootFile)}${audience}, which uses this file through this $ref`,
  };
}

export class ReferencedFindings {
  private readonly roots = new Map<string, RootLint>();
  private readonly unreferenced = new Set<string>();

  /** Replaces a root's lint; returns every uri whose diagnostics may have changed. */
  set(lint: RootLint): string[] {
    const before = this.roots.get(lint.rootUri);
    this.roots.set(lint.rootUri, lint);
    return [...new Set([...(before?.byUri.keys() ?? []), ...lint.byUri.keys()])];
  }

  delete(rootUri: string): string[] {
    const before = this.roots.get(rootUri);
    this.roots.delete(rootUri);
    return [...(before?.byUri.keys() ?? [])];
  }

  all(): RootLint[] {
    return [...this.roots.values()];
  }

  get(rootUri: string): RootLint | undefined {
    return this.roots.get(rootUri);
  }

  /** Roots whose lint has findings in this uri. */
  rootsWithFindingsIn(uri: string): RootLint[] {
    return this.all().filter((lint) => (lint.byUri.get(uri)?.length ?? 0) > 0);
  }

  setUnreferenced(uri: string, unreferenced: boolean): boolean {
    const had = this.unreferenced.has(uri);
    if (unreferenced) this.unreferenced.add(uri);
    else this.unreferenced.delete(uri);
    return had !== unreferenced;
  }

  /** Findings of `uri` from roots' lints, each with the root that found it. `skipRoot`: a root whose own lint publishes them. */
  findingsFor(uri: string, skipRoot?: string): { root: RootLint; finding: Finding }[] {
    const out: { root: RootLint; finding: Finding }[] = [];
    for (const root of this.roots.values()) {
      if (root.rootUri === skipRoot) continue;
      for (const finding of root.byUri.get(uri) ?? []) out.push({ root, finding });
    }
    return out;
  }

  /** The diagnostics of `uri` that come from roots' lints (identical ones merged). */
  diagnosticsFor(uri: string, version: number | undefined, skipRoot?: string): Diagnostic[] {
    const merged = new Map<string, Diagnostic>();
    for (const { root, finding } of this.findingsFor(uri, skipRoot)) {
      const r = finding.range;
      const key = `${finding.code}\0${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}\0${finding.severity}\0${finding.message}`;
      const related = relatedTo(root, finding);
      const existing = merged.get(key);
      if (existing) {
        if (related) existing.relatedInformation = [...(existing.relatedInformation ?? []), related];
        continue;
      }
      const diagnostic = toDiagnostic(finding, version ?? 0);
      if (related) diagnostic.relatedInformation = [related];
      merged.set(key, diagnostic);
    }
    const diagnostics = [...merged.values()];
    if (this.unreferenced.has(uri)) {
      diagnostics.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: UNREFERENCED_CODE,
        message:
          'No OpenAPI document in the workspace $refs this file, so it is not linted: its findings show once a root document uses it',
      });
    }
    return diagnostics;
  }
}
