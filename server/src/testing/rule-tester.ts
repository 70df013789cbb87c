// ESLint-style rule tests: one rule, documents that must pass and documents that must fail, each case a
// test of its own (node:test by default; pass { describe, it } from another runner).
import * as nodeTest from 'node:test';
import { lintWithRuleset, type LintWithRulesetOptions } from './lint';
import { expectFindings, type ExpectedFinding } from './expect';

export interface RuleTestCase extends Omit<LintWithRulesetOptions, 'ruleset' | 'document'> {
  /** Test name; default: the file path, else "valid #n" / "invalid #n". */
  name?: string;
  /** Document text or file path (see LintWithRulesetOptions.document). */
  document: string;
}

export interface InvalidRuleTestCase extends RuleTestCase {
  /** The rule's findings, all of them; `code` defaults to the rule under test. */
  findings: ExpectedFinding[];
}

export interface RuleTestCases {
  valid?: RuleTestCase[];
  invalid: InvalidRuleTestCase[];
}

type Suite = (name: string, fn: () => void) => unknown;
type Case = (name: string, fn: () => Promise<void>) => unknown;
export interface TestFramework {
  describe: Suite;
  it: Case;
}

export type RuleTesterDefaults = Omit<LintWithRulesetOptions, 'document'>;

export class RuleTester {
  private readonly framework: TestFramework;

  constructor(
    private readonly defaults: RuleTesterDefaults,
    framework?: TestFramework,
  ) {
    this.framework = framework ?? { describe: nodeTest.describe as unknown as Suite, it: nodeTest.it as unknown as Case };
  }

  /** Registers one suite for `rule` with one test per case. */
  run(rule: string, cases: RuleTestCases): void {
    // Without a failing case, a misspelt rule name (which reports nothing) would look like a passing rule.
    if (!cases.invalid?.length) throw new Error(`RuleTester.run(${JSON.stringify(rule)}): give at least one invalid case`);
    const { describe, it } = this.framework;
    describe(rule, () => {
      (cases.valid ?? []).forEach((testCase, i) => {
        it(`valid: ${caseName(testCase, `#${i + 1}`)}`, () => this.assertValid(rule, testCase));
      });
      cases.invalid.forEach((testCase, i) => {
        it(`invalid: ${caseName(testCase, `#${i + 1}`)}`, () => this.assertInvalid(rule, testCase));
      });
    });
  }

  /** Fails unless the document has no finding of `rule`. */
  async assertValid(rule: string, testCase: RuleTestCase): Promise<void> {
    expectFindings(await this.lint(testCase), [], { codes: [rule] });
  }

  /** Fails unless the document's findings of `rule` are exactly `testCase.findings`. */
  async assertInvalid(rule: string, testCase: InvalidRuleTestCase): Promise<void> {
    if (!testCase.findings.length)
      throw new Error(`invalid case ${caseName(testCase, '')} of ${rule} expects no findings: make it a valid case`);
    const expected = testCase.findings.map((f) => ({ ...f, code: f.code ?? rule }));
    expectFindings(await this.lint(testCase), expected, { codes: [rule] });
  }

  private lint(testCase: RuleTestCase) {
    const { name: _name, ...options } = testCase;
    return lintWithRuleset({ ...this.defaults, ...options });
  }
}

function caseName(testCase: RuleTestCase, fallback: string): string {
  return testCase.name ?? testCase.filePath ?? (/[\r\n]/.test(testCase.document) ? fallback : testCase.document);
}

/** `ruleTester('ruleset.yaml').run('my-rule', { valid, invalid })`. */
export function ruleTester(ruleset: string, defaults: Omit<RuleTesterDefaults, 'ruleset'> = {}, framework?: TestFramework): RuleTester {
  return new RuleTester({ ...defaults, ruleset }, framework);
}
