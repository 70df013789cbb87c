// Entry point of dist/cli-launch.js, which bin/api-exposure-lint.js runs. The CLI (dist/cli.js) is a ~10 MB bundle
// that takes about a second to read, compile and initialise, and its first lint worker then loads one as big.
// Starting that worker first lets both load at once on two cores, and the worker warms up the run's ruleset
// meanwhile: a run is ~0.5 s shorter (docs/benchmarks.md).
import path from 'node:path';
import { parseArgs } from './args';
import { CLI_WORKER_HEAP, prestartLintWorker, type WarmUpHint } from '../node/worker/lint-worker-thread';
import { setProcessV8Flags } from '../node/v8-flags';
import { loadBundle } from '../node/bundle-loader';
import { collectGarbage } from '../node/collect-garbage';

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

setProcessV8Flags();
const early = earlyWorkerFor(process.argv.slice(2));
// With the heap the CLI's WorkerLinter asks for (main.ts), or it would not adopt this worker.
if (early) prestartLintWorker(path.join(__dirname, 'lint-worker.js'), early, CLI_WORKER_HEAP);
// The CLI stays its own bundle, loaded after the worker has started, with its code cache (node/bundle-loader.ts),
// saved at exit when there was none: by then the functions the run needed are compiled.
const cli = loadBundle(path.join(__dirname, 'cli.js'), module);
process.once('exit', cli.saveCodeCache);
// Loading left garbage (the bundle's bytes as read, the compile's leftovers) that this thread, idle while the workers
// lint, would never allocate enough to collect: collected once the run has started, 12–20 MB less at the run's peak.
if (early) setImmediate(collectGarbage);
