// The built-in rulesets skip Spectral's validation of their definitions in the bundle (~60 ms of each lint worker's
// start: server/src/engine/ruleset/known-valid.ts, scripts/build.mjs `knownValidRulesets`). That is safe only if
// every built-in definition is valid by Spectral's own validator, which this checks, and only for those definitions:
// whatever a user's ruleset adds to a built-in one is still validated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { buildSync } from 'esbuild';
import { repoRoot, workspace, lintFile, EXTERNAL_API } from './helpers/engine.mjs';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';

const require = createRequire(import.meta.url);

/** The built-in definitions and Spectral's Ruleset as they come from source, bundled without the build's patches. */
function loadBuiltins() {
  const { outputFiles } = buildSync({
    stdin: {
      contents:
        "import './server/src/builtin-rules';\n" +
        "export { getBuiltinRuleset, BUILTIN_RULESET_NAMES } from './server/src/engine/ruleset/builtin-rulesets';\n" +
        "export { Ruleset } from '@stoplight/spectral-core';\n",
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    mainFields: ['module', 'main'],
    alias: { 'nimma/legacy': './server/src/engine/walk/memo-nimma.ts' },
    absWorkingDir: repoRoot,
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}

const builtins = loadBuiltins();

for (const name of builtins.BUILTIN_RULESET_NAMES) {
  test(`built-in ruleset ${name}: every definition it is made of passes Spectral's validation`, () => {
    const definition = builtins.getBuiltinRuleset(name);
    // Unpatched: validates the definition and, recursively, every definition it extends.
    const ruleset = new builtins.Ruleset(definition, { severity: 'recommended', source: name });
    assert.ok(Object.keys(ruleset.rules).length > 0);
  });
}

test('a built-in definition and those it extends are marked, nothing else', () => {
  const { markKnownValid, isKnownValid } = loadTypeScriptModule('server/src/engine/ruleset/known-valid.ts');
  const base = { rules: {} };
  const other = { rules: {} };
  const withSeverity = { rules: {} };
  const definition = markKnownValid({ extends: [base, [withSeverity, 'recommended']] });
  assert.deepEqual([definition, base, withSeverity].map(isKnownValid), [true, true, true]);
  assert.equal(isKnownValid(other), false);
  assert.equal(isKnownValid({ ...definition }), false, 'a copy is not the definition');
  const single = markKnownValid({ extends: other });
  assert.deepEqual([single, other].map(isKnownValid), [true, true]);
});

for (const name of ['spectral:oas', 'api-exposure-lint:exposure', 'api-exposure-lint:recommended', 'api-exposure-lint:owasp']) {
  test(`a ruleset file extending ${name} with an invalid rule is still refused`, async () => {
    const root = workspace({ 'api.yaml': EXTERNAL_API, '.spectral.yaml': `extends: ["${name}"]\nrules:\n  bad: { given: 1 }\n` });
    await assert.rejects(lintFile(path.join(root, 'api.yaml')), (error) => {
      assert.equal(error.name, 'RulesetLoadError');
      assert.match(error.message, /rules\.bad\.given/);
      return true;
    });
  });
}
