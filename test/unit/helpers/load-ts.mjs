// Loads a dependency-free TypeScript module of the project (protocol.ts, status-text.ts) in memory:
// bundled to CommonJS by esbuild and evaluated, so tests need no build step for it.
import path from 'node:path';
import { createRequire } from 'node:module';
import { buildSync } from 'esbuild';
import { repoRoot } from './engine.mjs';

const require = createRequire(import.meta.url);

/** `mainFields`: ['module', 'main'] for a module that imports Spectral (as scripts/build.mjs bundles it). */
export function loadTypeScriptModule(relativePath, { mainFields } = {}) {
  const { outputFiles } = buildSync({
    entryPoints: [path.join(repoRoot, relativePath)],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    ...(mainFields ? { mainFields } : {}),
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}
