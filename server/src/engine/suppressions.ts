// Inline suppressions the quick fix "Ignore this finding here" writes:
//   x-lint-ignore: [external-code-samples]                 (operation or path item)
//   x-lint-ignore: [{ rule: external-rate-limit, reason: "behind the gateway" }]
// and at the document root for document-wide suppressions.
import type { Finding } from './types';

export function ignoredCodes(node: unknown): Set<string> {
  const codes = new Set<string>();
  const list = (node as Record<string, unknown> | null)?.['x-lint-ignore'];
  if (!Array.isArray(list)) return codes;
  for (const item of list) {
    if (typeof item === 'string') codes.add(item);
    else if (item && typeof item === 'object' && typeof (item as { rule?: unknown }).rule === 'string')
      codes.add((item as { rule: string }).rule);
  }
  return codes;
}

export function applySuppressions(findings: Finding[], data: unknown): Finding[] {
  if (typeof data !== 'object' || data === null) return findings;
  const root = data as Record<string, unknown>;
  const rootIgnored = ignoredCodes(root);
  const paths = root.paths as Record<string, Record<string, unknown>> | undefined;
  return findings.filter((finding) => {
    if (rootIgnored.has(finding.code)) return false;
    // A finding in a $ref'd file is judged where it sits in the root's tree.
    const [first, pathKey, method] = finding.rootPath ?? finding.path;
    if (first !== 'paths' || typeof pathKey !== 'string' || !paths || typeof paths !== 'object') return true;
    const pathItem = paths[pathKey];
    if (!pathItem || typeof pathItem !== 'object') return true;
    if (ignoredCodes(pathItem).has(finding.code)) return false;
    return typeof method !== 'string' || !ignoredCodes(pathItem[method]).has(finding.code);
  });
}
