// Entry point of dist/cli-launch.js, which bin/api-exposure-lint.js runs. The first lint worker loads a ~7 MB bundle
// (the engine) and warms up the run's ruleset: started first, it does so while the CLI (dist/cli.js, which holds no
// engine: scripts/build.mjs) loads, reads its arguments and finds the files (docs/benchmarks.md, rounds 10 and 14).
import path from 'node:path';
import { parseArgs } from './args';
import { cliWorkerHeap, prestartLintWorker, type WarmUpHint, type WorkerHeap } from '../node/worker/lint-worker-thread';
import { largestFileBytes } from './file-sizes';
import { CLI_V8_FLAGS, setProcessV8Flags } from '../node/v8-flags';
import { loadBundle } from '../node/bundle-loader';

/**
 * The early worker this run wants: the ruleset it will most likely lint with (undefined: the one found next to the
 * files, else the default) and the heap for the files named (those found in folders or by globs are not known yet);
 * none when it lints nothing (help, version, merging reports, bad arguments).
 */
export function earlyWorkerFor(argv: readonly string[], cwd: string): { warmUp: WarmUpHint; heap: WorkerHeap } | undefined {
  if (argv[0] === 'merge') return undefined;
  try {
    // The lint command's options; `diff` and `report` read theirs alike (their own options make this throw: no early worker).
    const options = parseArgs(argv);
    if (options.help || options.version) return undefined;
    return { warmUp: { ruleset: options.ruleset }, heap: cliWorkerHeap(largestFileBytes(options.patterns, cwd)) };
  } catch {
    return undefined; // the CLI reports the usage error
  }
}

setProcessV8Flags(CLI_V8_FLAGS);
const early = earlyWorkerFor(process.argv.slice(2), process.cwd());
// With the heap the CLI's WorkerLinter asks for (main.ts, from the files it found), or it would not adopt this worker.
if (early) prestartLintWorker(path.join(__dirname, 'lint-worker.js'), early.warmUp, early.heap);
// The CLI stays its own bundle, loaded after the worker has started, with its code cache (node/bundle-loader.ts),
// saved at exit when there was none: by then the functions the run needed are compiled.
const cli = loadBundle(path.join(__dirname, 'cli.js'), module);
process.once('exit', cli.saveCodeCache);
