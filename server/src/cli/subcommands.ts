// Sub-commands of the CLI, chosen by the first argument (a file literally named "diff" is linted as ./diff).
import { runDiff } from './diff/command';
import { runMerge } from './merge';
import { runReport } from './report/command';
import type { RunEnvironment } from './run';

export type Subcommand = (argv: readonly string[], environment: RunEnvironment) => Promise<number>;

export const SUBCOMMANDS: Record<string, Subcommand | undefined> = Object.assign(Object.create(null), {
  diff: runDiff,
  merge: runMerge,
  report: runReport,
});
