// Assertions on findings that fail with a message a reviewer can act on: what was expected and missing,
// what was found and not expected, and the full list of findings, one per line.
import { AssertionError } from 'node:assert';
import type { Audience, Finding, JsonPath, Severity } from '../engine';

export interface ExpectedFinding {
  /** Rule name. May be omitted when the caller already says which rule is tested (RuleTester). */
  code?: string;
  /** JSON path of the finding: an array, or its elements joined with dots (`paths./orders.get`). */
  path?: JsonPath | string;
  /** The message, exactly (string) or matching (RegExp). */
  message?: string | RegExp;
  severity?: Severity;
  /** Audience of the operation the finding belongs to. */
  audience?: Audience;
  /** 1-based line of the finding's start, as editors show it. */
  line?: number;
}

export interface ExpectOptions {
  /** Look only at findings of these rules (e.g. your own, ignoring what `spectral:oas` says). */
  codes?: string[];
  /** Fail on findings that no expectation matched (default true). */
  exact?: boolean;
}

const pathText = (path: JsonPath | string) => (typeof path === 'string' ? path : path.map(String).join('.'));

function matches(finding: Finding, expected: ExpectedFinding): boolean {
  if (expected.code !== undefined && finding.code !== expected.code) return false;
  if (expected.path !== undefined && pathText(finding.path) !== pathText(expected.path)) return false;
  if (expected.severity !== undefined && finding.severity !== expected.severity) return false;
  if (expected.audience !== undefined && finding.audience !== expected.audience) return false;
  if (expected.line !== undefined && finding.range.start.line + 1 !== expected.line) return false;
  if (typeof expected.message === 'string' && finding.message !== expected.message) return false;
  if (expected.message instanceof RegExp && !expected.message.test(finding.message)) return false;
  return true;
}

export function describeFinding(f: Finding): string {
  const audience = f.audience ? ` [${f.audience}]` : '';
  return `${f.code} (${f.severity}) at ${pathText(f.path) || '<root>'}, line ${f.range.start.line + 1}${audience}: ${f.message}`;
}

function describeExpected(e: ExpectedFinding): string {
  const parts = [e.code ?? '<any rule>'];
  if (e.severity) parts.push(`(${e.severity})`);
  parts.push(`at ${e.path === undefined ? '<any path>' : pathText(e.path) || '<root>'}`);
  if (e.line !== undefined) parts.push(`line ${e.line}`);
  if (e.audience) parts.push(`[${e.audience}]`);
  if (e.message !== undefined) parts.push(`message ${e.message instanceof RegExp ? e.message : JSON.stringify(e.message)}`);
  return parts.join(' ');
}

/**
 * Asserts that the findings match the expectations one to one (each expectation consumes one finding);
 * with `exact` (the default), findings no expectation matched fail too.
 */
export function expectFindings(findings: readonly Finding[], expected: readonly ExpectedFinding[], options: ExpectOptions = {}): void {
  const considered = options.codes ? findings.filter((f) => options.codes!.includes(f.code)) : [...findings];
  const remaining = [...considered];
  const missing: ExpectedFinding[] = [];
  for (const expectation of expected) {
    const index = remaining.findIndex((f) => matches(f, expectation));
    if (index === -1) missing.push(expectation);
    else remaining.splice(index, 1);
  }
  const unexpected = options.exact === false ? [] : remaining;
  if (missing.length === 0 && unexpected.length === 0) return;

  const scope = options.codes ? ` of ${options.codes.join(', ')}` : '';
  const lines = ['Findings do not match the expectations.'];
  if (missing.length) lines.push('Expected but not found:', ...missing.map((e) => `  - ${describeExpected(e)}`));
  if (unexpected.length) lines.push('Found but not expected:', ...unexpected.map((f) => `  + ${describeFinding(f)}`));
  lines.push(
    `All findings${scope} (${considered.length}):`,
    ...(considered.length ? considered.map((f) => `    ${describeFinding(f)}`) : ['    (none)']),
  );
  throw new AssertionError({
    message: lines.join('\n'),
    actual: considered.map(describeFinding),
    expected: expected.map(describeExpected),
    operator: 'expectFindings',
  });
}

/** Asserts there are no findings (of the given rules, if any are named). */
export function expectNoFindings(findings: readonly Finding[], options: Pick<ExpectOptions, 'codes'> = {}): void {
  expectFindings(findings, [], { ...options, exact: true });
}
