// Runs the CLI's run() in this process with captured streams and the in-process engine.
import path from 'node:path';
import { createRequire } from 'node:module';
import { engine, repoRoot } from './engine.mjs';

const require = createRequire(import.meta.url);
const { run } = require(path.join(repoRoot, 'dist/cli.js'));

export async function runCliInProcess(cwd, argv) {
  const out = [];
  const err = [];
  const code = await run({
    argv,
    cwd,
    env: {},
    stdout: { write: (s) => out.push(s) },
    stderr: { write: (s) => err.push(s) },
    version: '0.0.0',
    createLinter: () => new engine.Linter(engine.createNodeHost()),
    now: () => 0,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
