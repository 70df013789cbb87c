// Rollup step of ruleset loading, as in @stoplight/spectral-ruleset-bundler's bundleRuleset, with one
// difference that matters in an editor: rollup's warnings go to our logger instead of the process's
// stderr (which, for a language server over stdio, is the user's editor log, not a console).
import { rollup, type Plugin } from 'rollup';
import type { EngineLogger } from '../host';
import { isUrl } from '../paths';

/** A bare module specifier (`lodash`, `@acme/rules/fn`), which Node resolves from node_modules. */
function isBareSpecifier(id: string): boolean {
  return !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[a-zA-Z]:[\\/]/.test(id) && !isUrl(id);
}

export async function bundleRulesetCode(input: string, plugins: Plugin[], log: EngineLogger): Promise<string> {
  const byName = new Map<string, Plugin>();
  for (const plugin of plugins) byName.set(plugin.name, plugin);
  const bundle = await rollup({
    input,
    plugins: [...byName.values()],
    treeshake: false,
    perf: false,
    // Bare imports stay require() calls, resolved from the ruleset's folder when the bundle is evaluated.
    external: (id, importer) => id.startsWith('node:') || (isBareSpecifier(id) && (importer === undefined || !isUrl(importer))),
    onwarn(warning) {
      if (warning.code === 'UNRESOLVED_IMPORT' && typeof warning.source === 'string' && warning.source.startsWith('@stoplight/spectral'))
        return;
      log.warn(`ruleset ${input}: ${warning.message}`);
    },
  });
  try {
    const { output } = await bundle.generate({ format: 'commonjs', exports: 'auto' });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}
