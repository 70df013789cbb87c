// Public testing helper for team rulesets: `require('api-exposure-lint/testing')` (dist/testing.js).
// Lint a document with a ruleset in one call, assert on findings with readable failures, or write
// ESLint-style valid/invalid cases per rule. Built on the engine's Linter, so results are the CLI's.
import '../builtin-rules';

export { lintWithRuleset, lintResultWithRuleset, NotOpenApiError } from './lint';
export type { LintWithRulesetOptions } from './lint';
export { expectFindings, expectNoFindings, describeFinding } from './expect';
export type { ExpectedFinding, ExpectOptions } from './expect';
export { RuleTester, ruleTester } from './rule-tester';
export type { RuleTestCase, InvalidRuleTestCase, RuleTestCases, RuleTesterDefaults, TestFramework } from './rule-tester';
export type { Finding, LintResult, Audience, Severity, JsonPath, ResolvedAudience, AudienceKind, AudienceSource } from '../engine';
// The audience a custom function's operation has (also `require('api-exposure-lint').getOperationAudience`).
export { getOperationAudience } from '../engine';
