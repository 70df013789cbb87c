// GitLab Code Quality report (artifacts:reports:codequality): a JSON array of Code Climate issues.
// GitLab shows them in the merge request widget and the diff, and compares fingerprints with the
// target branch's report to tell new issues from fixed ones, so fingerprints follow the finding
// (rule + file + JSON path), not its line.
import type { Severity } from '../../engine/types';
import { fingerprint } from '../finding-identity';
import { locatedFindings, relativePosix } from './paths';
import type { Formatter } from './types';

type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';
export const GITLAB_SEVERITY: Record<Severity, GitlabSeverity> = { error: 'major', warn: 'minor', info: 'info', hint: 'info' };

export const formatGitlab: Formatter = (files, options) => {
  const used = new Set<string>();
  const issues = locatedFindings(files).map(({ file, finding }) => {
    const path = relativePosix(options.cwd, file);
    // GitLab needs unique fingerprints; a second finding with the same identity gets a counter.
    let fp = fingerprint(finding.code, path, finding.path);
    for (let n = 1; used.has(fp); n++) fp = fingerprint(finding.code, path, [...finding.path, `#${n}`]);
    used.add(fp);
    return {
      description: finding.message,
      check_name: finding.code,
      fingerprint: fp,
      severity: GITLAB_SEVERITY[finding.severity],
      location: { path, lines: { begin: finding.range.start.line + 1 } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
};
