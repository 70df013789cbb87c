// What loading a ruleset *file* needs (Spectral's migrator for YAML/JSON rulesets, rollup and the bundler's plugins),
// loaded the first time a ruleset file is: the built-in rulesets, which most lints use (the default settings), need
// none of it, so a lint worker starts without it (docs/benchmarks.md).
export async function rulesetFileTooling() {
  const [{ migrateRuleset }, { builtins }, { commonjs }, { stdin }, { bundleRulesetCode }] = await Promise.all([
    import('@stoplight/spectral-ruleset-migrator'),
    import('@stoplight/spectral-ruleset-bundler/plugins/builtins'),
    import('@stoplight/spectral-ruleset-bundler/plugins/commonjs'),
    import('@stoplight/spectral-ruleset-bundler/plugins/stdin'),
    import('./bundle'),
  ]);
  return { migrateRuleset, builtins, commonjs, stdin, bundleRulesetCode };
}
