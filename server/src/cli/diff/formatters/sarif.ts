// The diff as SARIF 2.1.0: one result per change, rule = kind of change; changes that need a security
// review are warnings, the others notes. Fingerprints follow the change (kind + file + JSON path).
import { EXPOSURE_CHANGE_DESCRIPTIONS, EXPOSURE_CHANGE_KINDS } from '../../../engine/exposure/diff';
import { fingerprint } from '../../finding-identity';
import { FINGERPRINT_KEY, SARIF_SCHEMA, TOOL_INFORMATION_URI, TOOL_NAME } from '../../formatters/sarif';
import { jsonPointer } from '../../formatters/paths';
import { allChanges, type DiffFormatter } from '../types';

export const formatDiffSarif: DiffFormatter = (report, options) => {
  const changes = allChanges(report);
  const rules = EXPOSURE_CHANGE_KINDS.filter((kind) => changes.some((c) => c.kind === kind));
  const results = changes.map((c) => {
    const pointer = jsonPointer(c.jsonPath);
    const { start, end } = c.range;
    return {
      ruleId: c.kind,
      ruleIndex: rules.indexOf(c.kind),
      level: c.review ? 'warning' : 'note',
      message: { text: c.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: c.file, uriBaseId: '%SRCROOT%' },
            region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
          },
          ...(pointer ? { logicalLocations: [{ fullyQualifiedName: pointer }] } : {}),
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(`exposure-change/${c.kind}`, c.file, c.jsonPath) },
      properties: { review: c.review, side: c.side, ...(c.audience ? { audience: c.audience } : {}) },
    };
  });
  return (
    JSON.stringify(
      {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: `${TOOL_NAME}-diff`,
                ...(options.toolVersion ? { version: options.toolVersion } : {}),
                informationUri: TOOL_INFORMATION_URI,
                rules: rules.map((kind) => ({ id: kind, shortDescription: { text: EXPOSURE_CHANGE_DESCRIPTIONS[kind] } })),
              },
            },
            results,
          },
        ],
      },
      null,
      2,
    ) + '\n'
  );
};
