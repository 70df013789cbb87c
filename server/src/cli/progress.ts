// A progress bar for long runs (folders of many specs) on an interactive terminal only: never in CI
// logs (CI set), never when stderr is a pipe or a file, never with --quiet. Drawn with cli-progress.
import { SingleBar } from 'cli-progress';
import type { OutputStream } from './lint-file';

export interface Progress {
  tick(): void;
  stop(): void;
}

const NONE: Progress = { tick() {}, stop() {} };
/** Below this many files a run is over before a bar would help. */
const MIN_FILES = 2;

export function createProgress(
  total: number,
  stream: OutputStream,
  env: Record<string, string | undefined>,
  quiet: boolean,
  label = 'Linting',
): Progress {
  if (quiet || stream.isTTY !== true || env.CI || env.TERM === 'dumb' || total < MIN_FILES) return NONE;
  const bar = new SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format: `${label} {bar} {value}/{total} files | {percentage}% | {eta_formatted} left`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 5,
    },
    { barCompleteChar: '█', barIncompleteChar: '░' } as ConstructorParameters<typeof SingleBar>[1],
  );
  bar.start(total, 0);
  return {
    tick: () => bar.increment(),
    stop: () => bar.stop(),
  };
}
