// CPU time of one thread, from Linux's /proc (fields 14 and 15 of stat: user and system time in clock
// ticks). Lint budgets count it instead of wall-clock time, so a loaded machine does not stop lints that
// merely waited for a core. Anywhere /proc is missing, the callers fall back to wall-clock time.
import { readFileSync, readlinkSync } from 'node:fs';

/** Clock ticks per second: USER_HZ is 100 on every Linux architecture Node supports. */
const TICKS_PER_SECOND = 100;

function cpuMsFromStat(stat: string): number | undefined {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) ? ((user + system) * 1000) / TICKS_PER_SECOND : undefined;
}

function readCpuMs(statPath: string): number | undefined {
  try {
    return cpuMsFromStat(readFileSync(statPath, 'latin1'));
  } catch {
    return undefined;
  }
}

/** The CPU time the calling thread has used, in ms, or undefined off Linux. */
export const currentThreadCpuMs = (): number | undefined => readCpuMs('/proc/thread-self/stat');

/** The calling thread's id (Linux tid), for another thread to read its CPU time; undefined off Linux. */
export function currentThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** The CPU time thread `tid` of this process has used, in ms, or undefined. */
export const threadCpuMsOf = (tid: number): number | undefined => readCpuMs(`/proc/self/task/${tid}/stat`);
