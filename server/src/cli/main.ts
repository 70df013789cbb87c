// Entry point of dist/cli.js. Runs the CLI when launched (node dist/cli.js, or through
// bin/api-exposure-lint.js); when imported by tests it only exports the pieces below.
import os from 'node:os';
import path from 'node:path';
import { WorkerLinter } from '../node/worker/worker-linter';
import { cliWorkerHeap } from '../node/worker/lint-worker-thread';
import { largestFileBytes } from './file-sizes';
import packageJson from '../../../package.json';
import { run } from './run';
import { readBuiltinRuleMetadata } from './builtin-rules-file';
import { CLI_V8_FLAGS, setProcessV8Flags } from '../node/v8-flags';

export { parseArgs, UsageError, FORMATS, HELP_TEXT } from './args';
export { expandFilePatterns, createRepoRootFinder } from './files';
export { computeExitCode, atOrAbove, EXIT_OK, EXIT_FINDINGS, EXIT_USAGE } from './exit-code';
export { FORMATTERS, formatSummary, countBySeverity } from './formatters';
export { fingerprint, FINGERPRINT_KEY } from './formatters/sarif';
export { escapeData, escapeProperty } from './formatters/github';
export { jsonPointer } from './formatters/paths';
export { formatGitlab, GITLAB_SEVERITY } from './formatters/gitlab';
export { unifiedDiff } from './unified-diff';
export { baselineEntries, renderBaseline, BASELINE_VERSION } from './baseline';
export { OPERATIONAL_CODES, RULE_FAILURE_CODES } from './finding-identity';
export { run };
export { lintFile, createLintPlan } from './lint-file';
export { safeWriteFile, readWithSnapshot, SafeWriteError, WRITE_FAULT_VARIABLE } from '../node/safe-write';
export { loadBundle, codeCacheFile, CJS_WRAPPER } from '../node/bundle-loader';
export { setProcessV8Flags, v8FlagsTagOf, CLI_V8_FLAGS } from '../node/v8-flags';
export { WorkerLinter };
export { createProgress } from './progress';
export { selectShard, parseShard } from './shard';
export { mergeJson, mergeSarif, compareWalkOrder } from './merge';
export { formatJunit } from './formatters/junit';

const CORES = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);

function launchedAsCli(): boolean {
  const entry = require.main;
  if (!entry) return false; // imported from an ES module (tests)
  return entry === module || path.basename(entry.filename, '.js') === 'api-exposure-lint';
}

if (launchedAsCli()) {
  setProcessV8Flags(CLI_V8_FLAGS); // again when run as node dist/cli.js, without the launcher
  // run() never rejects: every error becomes a message on stderr and exit code 2.
  void run({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    version: packageJson.version,
    // Each file is linted in a worker thread with a time budget: one hostile file cannot hang the run.
    // One worker per core: a folder of thousands of specs uses the whole machine.
    createLinter: (files = []) =>
      new WorkerLinter({
        workerScript: path.join(__dirname, 'lint-worker.js'),
        concurrency: CORES,
        // A small young generation: less memory for the same time on most specs; a bigger one for a big file (cliWorkerHeap).
        ...cliWorkerHeap(largestFileBytes(files, process.cwd())),
      }),
    concurrency: CORES,
    rules: async () => readBuiltinRuleMetadata(__dirname),
  }).then((code) => {
    // exitCode, not exit(): let stdout drain when it is a pipe.
    process.exitCode = code;
  });
}
