// One esbuild script builds every bundle: the VS Code client, the language server,
// the CLI, the lint worker and the engine library used by tests and team rulesets.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  // Spectral's dependencies publish ESM under "module"; "main" alone pulls in UMD builds esbuild cannot analyse.
  mainFields: ['module', 'main'],
  external: ['fsevents'],
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js' },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js' },
  { in: 'server/src/engine/worker/main.ts', out: 'dist/lint-worker.js' },
  { in: 'server/src/public-engine.ts', out: 'dist/engine.js' },
  { in: 'server/src/testing/index.ts', out: 'dist/testing.js' },
];

import { existsSync } from 'node:fs';
await Promise.all(
  entries
    .filter((e) => existsSync(path.join(root, e.in)))
    .map((e) =>
      build({ ...common, entryPoints: [e.in], outfile: e.out, external: [...common.external, ...(e.external ?? [])] }),
    ),
);
