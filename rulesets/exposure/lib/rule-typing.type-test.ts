// Compile-time tests (checked by `npm run typecheck`, never bundled): a rule module is typed by its code, so a
// fixer of another rule, a fix id of another rule, a fixer exported under a stray name, or a misspelt `fixers`
// key does not compile. Each `@ts-expect-error` fails the type check if the error it expects goes away.
import type { RulesetFunction } from '@stoplight/spectral-core';
import type { Fixer } from '../../../server/src/engine/rules-api';
import { exposureRule, ruleFromParts, type RuleMeta } from './exposure-rule';

const check: RulesetFunction<unknown, unknown> = () => [];
const meta: RuleMeta<'demo-rule'> = {
  code: 'demo-rule',
  severity: 'warn',
  appliesTo: 'external',
  description: 'A rule for the type tests.',
};
const fixDemo: Fixer<'demo-rule'> = () => [{ title: 'Fix it', id: 'demo-rule/fix', safe: true, ops: [] }];
const fixOther: Fixer<'other-rule'> = () => [{ title: 'Fix it', id: 'other-rule/fix', safe: true, ops: [] }];

export const fine = [ruleFromParts({ meta, check, fix: fixDemo }), exposureRule({ ...meta, function: check, fixers: [fixDemo] })];

// @ts-expect-error a fixer of another rule
export const otherFixer = ruleFromParts({ meta, check, fix: fixOther });

// @ts-expect-error a fixer of another rule, in a module written as one object
export const otherFixers = exposureRule({ ...meta, function: check, fixers: [fixOther] });

// @ts-expect-error a fix id that is not the rule's code: fix ids start with "demo-rule/"
export const wrongId: Fixer<'demo-rule'> = () => [{ title: 'Fix it', id: 'demo-rul/fix', safe: true, ops: [] }];

// A module (`import * as module`) that exports its fixer under another name than fix / fixes:
const strayExport = { meta, check, fixx: fixDemo };
// @ts-expect-error the fixer would be left out of the rule without a word
export const stray = ruleFromParts(strayExport);

// @ts-expect-error a misspelt `fixers` key
export const misspelt = exposureRule({ ...meta, function: check, fixerz: [fixDemo] });
