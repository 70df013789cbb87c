// JUnit XML for CI systems that read test reports (GitLab, Jenkins, Azure Pipelines): one test suite per
// file, one failed test case per finding (errors as <failure>, other severities too, with their severity in
// the type), and one passing test case for a file without findings so every linted file is listed.
import { locatedFindings, relativePosix } from './paths';
import type { Formatter } from './types';

function xml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the five special ones escaped.
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export const formatJunit: Formatter = (files, options) => {
  const located = locatedFindings(files);
  const suites: string[] = [];
  let total = 0;
  let failed = 0;
  const byFile = new Map<string, typeof located>();
  for (const report of files) if (!report.skipped) byFile.set(report.file, []);
  for (const item of located) (byFile.get(item.file) ?? byFile.set(item.file, []).get(item.file)!).push(item);
  for (const [file, items] of byFile) {
    const name = relativePosix(options.cwd, file);
    const cases = items.map(({ finding }) => {
      const line = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      const title = `${finding.code} at ${line}${finding.path.length ? ` (${finding.path.join('.')})` : ''}`;
      return (
        `    <testcase classname="${xml(name)}" name="${xml(title)}">\n` +
        `      <failure type="${xml(finding.severity)}" message="${xml(finding.message)}">${xml(`${name}:${line} ${finding.severity} ${finding.code}: ${finding.message}`)}</failure>\n` +
        `    </testcase>`
      );
    });
    if (cases.length === 0) cases.push(`    <testcase classname="${xml(name)}" name="${xml(`${name} has no findings`)}"/>`);
    total += cases.length;
    failed += items.length;
    suites.push(
      `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${items.length}" errors="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="api-exposure-lint" tests="${total}" failures="${failed}" errors="0">\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
};
