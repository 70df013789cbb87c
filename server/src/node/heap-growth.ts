// How much V8 lets a heap grow before its next full collection. By default it picks a factor between 1.1 and 4
// from how fast it collects; a lint of a multi-megabyte spec allocates so fast that the lint worker's heap ran
// hundreds of MB ahead of what it kept alive: the language server peaked at 0.9–1.5 GB on GitHub's 13 MB spec and at
// ~0.92 GB on Stripe's 2.5 MB one, the CLI at ~1 GB on GitHub's. A fixed 50% bounds that (GitHub 0.85–0.92 GB in the
// server, 0.78 GB in the CLI; Stripe 0.57 GB), lints taking as long; a keystroke's exposure pass on Stripe takes
// ~40–80 ms more (more collections). 30% saved a little more and cost a little more: docs/benchmarks.md.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;
/**
 * The CLI's: it lints each file once and no one waits on a keystroke, so it collects more often for less memory.
 * Against 50%, alternating runs (docs/benchmarks.md, round 15): Stripe's 2.5 MB spec peaks at 144–151 MB instead of
 * 149–162 MB in as long, GitHub's 13 MB one at 376–377 MB instead of 416–418 MB (12.8–13.4 s against 12.3–13.8 s).
 */
export const CLI_HEAP_GROWING_PERCENT = 20;

/**
 * For the whole process: V8's flags are shared by every thread, and it reads this one each time it sets a heap's
 * next limit. Called first thing by the language server and the CLI, before their lint workers start.
 */
export function boundHeapGrowth(percent: number = HEAP_GROWING_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
