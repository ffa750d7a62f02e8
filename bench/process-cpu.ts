import { existsSync, readFileSync } from "node:fs";

/** CPU time a process has used so far, in seconds: all its threads, and its main thread alone. */
export interface CpuTimes {
  process: number;
  main: number;
}

/** The kernel reports CPU times in /proc in units of USER_HZ, which is 100 on Linux whatever the kernel's own tick. */
const TICKS_PER_SECOND = 100;

/** User plus system time of one /proc stat file, in seconds. */
function statSeconds(file: string): number {
  const text = readFileSync(file, "utf8");
  // The command name, in parentheses, may hold spaces: the fields are counted after its closing one.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // utime and stime are the stat file's 14th and 15th fields; the 3rd (state) is the first after the name.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The CPU time of `pid` so far (its main thread is the task of the same id); undefined where /proc has none. */
export function cpuTimes(pid: number): CpuTimes | undefined {
  const stat = `/proc/${pid}/stat`;
  const mainStat = `/proc/${pid}/task/${pid}/stat`;
  if (!existsSync(stat) || !existsSync(mainStat)) return undefined;
  return { process: statSeconds(stat), main: statSeconds(mainStat) };
}

/** CPU microseconds per request between two readings, for all threads and for the main thread. */
export function cpuPerRequest(
  before: CpuTimes | undefined,
  after: CpuTimes | undefined,
  requests: number,
): { processUs: number; mainUs: number } | undefined {
  if (!before || !after || requests <= 0) return undefined;
  return {
    processUs: ((after.process - before.process) * 1e6) / requests,
    mainUs: ((after.main - before.main) * 1e6) / requests,
  };
}
