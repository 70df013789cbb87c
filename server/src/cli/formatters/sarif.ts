// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. partialFingerprints hash the rule,
// the file and the JSON path (never line numbers), so a finding keeps its identity when lines move.
import type { Finding, Severity } from '../../engine/types';
import { fingerprint } from '../finding-identity';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { jsonPointer, locatedFindings, relativePosix } from './paths';
import type { Formatter, RuleMetadata } from './types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'api-exposure-lint';
export const TOOL_INFORMATION_URI = 'https://www.npmjs.com/package/api-exposure-lint';
export const FINGERPRINT_KEY = 'apiExposureLint/v1';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warn: 'warning', info: 'note', hint: 'note' };

export { fingerprint };

/** The base every relative artifact URI is resolved against: the folder the CLI ran in. */
export const SRCROOT = '%SRCROOT%';

/**
 * SARIF §3.4.4: a relative `uri` (percent-encoded, "/"-separated, never starting with "../") with a `uriBaseId`
 * that `originalUriBaseIds` defines; a file outside that folder gets an absolute file:// URI and no base id.
 */
export function artifactLocation(cwd: string, file: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, file);
  if (rel === '' || rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** The folder as a file:// URI ending with "/", as SARIF requires of a base URI. */
function baseUri(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith('/') ? href : href + '/';
}

/** Rules for tool.driver.rules: supplied metadata first, then any code seen in findings but not described. */
function collectRules(findings: Finding[], supplied: RuleMetadata[] = []): RuleMetadata[] {
  const rules = new Map<string, RuleMetadata>();
  for (const rule of supplied) rules.set(rule.id, rule);
  for (const f of findings) {
    if (!rules.has(f.code)) rules.set(f.code, { id: f.code, documentationUrl: f.documentationUrl, severity: f.severity });
  }
  return [...rules.values()];
}

export const formatSarif: Formatter = (files, options) => {
  const located = locatedFindings(files);
  const rules = collectRules(
    located.map((l) => l.finding),
    options.rules,
  );
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const results = located.map(({ file, finding }) => {
    // The fingerprint keeps hashing the cwd-relative path, as before: identities survive this change.
    const uri = relativePosix(options.cwd, file);
    const pointer = jsonPointer(finding.path);
    const { start, end } = finding.range;
    return {
      ruleId: finding.code,
      ruleIndex: ruleIndex.get(finding.code)!,
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(options.cwd, file),
            // SARIF columns are 1-based and endColumn is exclusive, like LSP's 0-based exclusive end + 1.
            region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
          },
          ...(pointer ? { logicalLocations: [{ fullyQualifiedName: pointer }] } : {}),
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding.code, uri, finding.path) },
      ...(finding.audience ? { properties: { audience: finding.audience } } : {}),
    };
  });

  const notifications = files
    .filter((f) => f.skipped)
    .map((f) => ({
      level: 'note',
      message: { text: `skipped: ${f.skipped}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(options.cwd, f.file) } }],
    }));

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            informationUri: TOOL_INFORMATION_URI,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description ?? rule.id },
              ...(rule.documentationUrl ? { helpUri: rule.documentationUrl } : {}),
              defaultConfiguration: { level: LEVEL[rule.severity ?? 'warn'] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: baseUri(options.cwd) } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
