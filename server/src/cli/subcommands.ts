// Sub-commands of the CLI, chosen by the first argument (a file literally named "diff" is linted as ./diff).
// Each is loaded when it runs: `diff` and `report` read documents with the engine in this thread, which a plain
// lint (its files are linted in worker threads) never loads.
import type { RunEnvironment } from './run';

export type Subcommand = (argv: readonly string[], environment: RunEnvironment) => Promise<number>;

export const SUBCOMMANDS: Record<string, (() => Promise<Subcommand>) | undefined> = Object.assign(Object.create(null), {
  diff: async () => (await import('./diff/command')).runDiff,
  merge: async () => (await import('./merge')).runMerge,
  report: async () => (await import('./report/command')).runReport,
});
