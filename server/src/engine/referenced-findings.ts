// Findings and operations of `$ref`'d files, seen from the root that uses them. Spectral reports a finding
// in a referenced file with that file as `source` and a JSON path inside it; this places it in the root's
// tree (`rootPath`: which operation, so which audience), names the `$ref` in the root it came through
// (`via`), gives it a real range when Spectral had none, and honours `x-lint-ignore` written in the file.
import * as nodePath from 'node:path';
import type { AudienceConfig, Finding, JsonPath, ReferencedOperation, Severity } from './types';
import { audienceKind, documentAudience, fileLevelAudience, operationLevelAudience } from './audience';
import { HTTP_METHODS, isObject, type JsonObject, getIn } from './openapi';
import { ignoredCodes } from './suppressions';
import { mountFor, type RefGraph, type RefProblemCode } from './ref-graph';

const PROBLEM_SEVERITY: Record<RefProblemCode, Severity> = { 'ref-cycle': 'error', 'ref-limit': 'warn' };

const sameFile = (a: string, b: string) => nodePath.resolve(a) === nodePath.resolve(b);
const isZero = (f: Finding) =>
  f.range.start.line === 0 && f.range.start.character === 0 && f.range.end.line === 0 && f.range.end.character === 0;

/** `x-lint-ignore` on the operation or path item, where they are written in the referenced file. */
function ignoredInFile(finding: Finding, data: unknown): boolean {
  const rootPath = finding.rootPath;
  if (!rootPath || rootPath[0] !== 'paths' || rootPath.length < 2) return false;
  // The same number of segments below the operation (or path item) in both trees.
  for (const depth of [3, 2]) {
    if (rootPath.length < depth) continue;
    const inFile = finding.path.length - (rootPath.length - depth);
    if (inFile < 0) continue;
    if (ignoredCodes(getIn(data, finding.path.slice(0, inFile))).has(finding.code)) return true;
  }
  return false;
}

/** Places findings of referenced files in the root's tree, adds the graph's problems, drops suppressed ones. */
export function placeReferencedFindings(findings: Finding[], graph: RefGraph): Finding[] {
  const placed: Finding[] = [];
  for (const finding of findings) {
    if (!finding.source || sameFile(finding.source, graph.root)) {
      placed.push(finding);
      continue;
    }
    const file = nodePath.resolve(finding.source);
    const document = graph.documents.get(file);
    if (isZero(finding) && finding.path.length > 0 && document) {
      const range = document.getRangeForJsonPath(finding.path, true);
      if (range) finding.range = { start: { ...range.start }, end: { ...range.end } };
    }
    const mounted = mountFor(graph, file, finding.path);
    if (mounted) {
      finding.rootPath = mounted.rootPath;
      finding.via = mounted.mount.rootRef;
    }
    if (document && ignoredInFile(finding, document.data)) continue;
    placed.push(finding);
  }
  for (const problem of graph.problems) {
    const finding: Finding = {
      code: problem.code,
      message: problem.message,
      severity: PROBLEM_SEVERITY[problem.code],
      path: [...problem.at.path, '$ref'],
      range: problem.at.range,
    };
    if (!sameFile(problem.at.file, graph.root)) {
      finding.source = problem.at.file;
      const mounted = mountFor(graph, problem.at.file, problem.at.path);
      if (mounted) {
        finding.rootPath = [...mounted.rootPath, '$ref'];
        finding.via = mounted.mount.rootRef;
      }
    }
    placed.push(finding);
  }
  return placed;
}

/**
 * Operations written in referenced files, each with the audience it has in this root: its own or its
 * path item's declaration, else the root's (info.x-audience), else the root's glob/default/fallback.
 */
export function referencedOperations(graph: RefGraph, rootData: unknown, config: AudienceConfig): ReferencedOperation[] {
  const operations: ReferencedOperation[] = [];
  const seen = new Set<string>();
  const documentLevel = documentAudience(rootData);
  const inherited = () =>
    documentLevel
      ? {
          audience: documentLevel.audience,
          kind: audienceKind(documentLevel.audience),
          source: documentLevel.source,
          detail: documentLevel.detail,
        }
      : fileLevelAudience(config, graph.root);
  for (const mount of graph.mounts) {
    if (mount.rootPath[0] !== 'paths' || mount.rootPath.length > 3) continue;
    const document = graph.documents.get(mount.file);
    if (!document) continue;
    const node = getIn(document.data, mount.pointer);
    // Complete the mount to [paths, path, method], whatever level the file starts at.
    const candidates: { path: string; method: string; filePath: JsonPath; pathItem: JsonObject }[] = [];
    const addPathItem = (pathKey: string, item: unknown, itemPath: JsonPath) => {
      if (!isObject(item)) return;
      for (const key of Object.keys(item)) {
        if ((HTTP_METHODS as readonly string[]).includes(key.toLowerCase()) && isObject(item[key])) {
          candidates.push({ path: pathKey, method: key, filePath: [...itemPath, key], pathItem: item });
        }
      }
    };
    if (mount.rootPath.length === 1 && isObject(node)) {
      for (const [pathKey, item] of Object.entries(node)) addPathItem(pathKey, item, [...mount.pointer, pathKey]);
    } else if (mount.rootPath.length === 2) {
      addPathItem(String(mount.rootPath[1]), node, mount.pointer);
    } else if (mount.rootPath.length === 3 && (HTTP_METHODS as readonly string[]).includes(String(mount.rootPath[2]).toLowerCase())) {
      const pathItem = getIn(rootData, mount.rootPath.slice(0, 2));
      candidates.push({
        path: String(mount.rootPath[1]),
        method: String(mount.rootPath[2]),
        filePath: mount.pointer,
        pathItem: isObject(pathItem) ? pathItem : {},
      });
    }
    for (const candidate of candidates) {
      const operation = getIn(document.data, candidate.filePath);
      if (!isObject(operation)) continue;
      const key = `${mount.file}\0${candidate.filePath.join('\0')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const range = document.getRangeForJsonPath(candidate.filePath, true);
      operations.push({
        path: candidate.path,
        method: candidate.method.toLowerCase(),
        jsonPath: ['paths', candidate.path, candidate.method],
        range: range
          ? { start: { ...range.start }, end: { ...range.end } }
          : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        resolved: operationLevelAudience(operation, candidate.pathItem) ?? inherited(),
        file: mount.file,
        filePath: candidate.filePath,
        via: mount.rootRef,
      });
    }
  }
  return operations;
}
