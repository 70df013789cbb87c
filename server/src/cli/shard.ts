// --shard I/N: the files of one CI job out of N. Every job expands the same arguments to the same list
// (sorted directory walks), then takes every N-th file starting at I: deterministic, and balanced by count.
// The jobs' JSON or SARIF outputs are put back together with `api-exposure-lint merge`.
import { UsageError } from './args';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count)
    throw new UsageError(`invalid value "${value}" for --shard: expected I/N with 1 <= I <= N, e.g. 2/3`);
  return { index, count };
}

export function selectShard<T>(files: readonly T[], shard: Shard): T[] {
  return files.filter((_, i) => i % shard.count === shard.index - 1);
}
