// Entry point of dist/cli-launch.js, which bin/api-exposure-lint.js runs. The first lint worker loads a ~7 MB bundle
// (the engine) and warms up the run's ruleset: started first, it does so while the CLI (dist/cli.js, which holds no
// engine: scripts/build.mjs) loads, reads its arguments and finds the files (docs/benchmarks.md, rounds 10 and 14).
import path from 'node:path';
import { parseArgs } from './args';
import { CLI_WORKER_HEAP, prestartLintWorker, type WarmUpHint } from '../node/worker/lint-worker-thread';
import { CLI_V8_FLAGS, setProcessV8Flags } from '../node/v8-flags';
import { loadBundle } from '../node/bundle-loader';

/**
 * The early worker this run wants, and the ruleset it will most likely lint with (undefined: the one found next
 * to the files, else the default); none when it lints nothing (help, version, merging reports, bad arguments).
 */
export function earlyWorkerFor(argv: readonly string[]): WarmUpHint | undefined {
  if (argv[0] === 'merge') return undefined;
  try {
    // The lint command's options; `diff` and `report` read theirs alike (their own options make this throw: no early worker).
    const options = parseArgs(argv);
    return options.help || options.version ? undefined : { ruleset: options.ruleset };
  } catch {
    return undefined; // the CLI reports the usage error
  }
}

setProcessV8Flags(CLI_V8_FLAGS);
const early = earlyWorkerFor(process.argv.slice(2));
// With the heap the CLI's WorkerLinter asks for (main.ts), or it would not adopt this worker.
if (early) prestartLintWorker(path.join(__dirname, 'lint-worker.js'), early, CLI_WORKER_HEAP);
// The CLI stays its own bundle, loaded after the worker has started, with its code cache (node/bundle-loader.ts),
// saved at exit when there was none: by then the functions the run needed are compiled.
const cli = loadBundle(path.join(__dirname, 'cli.js'), module);
process.once('exit', cli.saveCodeCache);
