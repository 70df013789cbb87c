// Entry point of dist/cli-launch.js, which bin/api-exposure-lint.js runs. The CLI (dist/cli.js) is a ~10 MB bundle
// that takes about a second to read, compile and initialise, and its first lint worker then loads one as big.
// Starting that worker first lets both load at once on two cores: a run is ~0.5 s shorter (docs/benchmarks.md).
import path from 'node:path';
import { prestartLintWorker } from '../node/worker/lint-worker-thread';

/** Runs that lint no file (help, version, merging reports) start no worker. */
export function lintsFiles(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  return argv[0] !== 'merge' && !options.some((arg) => arg === '--help' || arg === '-h' || arg === '--version');
}

if (lintsFiles(process.argv.slice(2))) prestartLintWorker(path.join(__dirname, 'lint-worker.js'));
// A path built at run time: the CLI stays its own bundle, loaded after the worker has started.
require(path.join(__dirname, 'cli.js'));
