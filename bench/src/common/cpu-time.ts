import { readdirSync, readFileSync } from 'node:fs';

// /proc reports CPU time in clock ticks of USER_HZ, which Linux fixes at 100 for user space.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc; 0 once it has gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Running processes whose command line matches, e.g. the shared nats-server or PostgreSQL. */
export function pidsMatching(pattern: RegExp): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return pattern.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Process groups to account for: a name and how to find its pids (looked up before and after). */
export type ProcessGroups = Readonly<Record<string, () => readonly number[]>>;

/**
 * CPU seconds each group used while `run` ran. Pids are looked up at both ends, so processes that
 * appear meanwhile (a PostgreSQL backend per new connection) count from zero.
 */
export async function measureCpu<T>(groups: ProcessGroups, run: () => Promise<T>): Promise<{ result: T; cpuSeconds: Record<string, number> }> {
  const before = new Map<number, number>();
  for (const find of Object.values(groups)) for (const pid of find()) before.set(pid, cpuSecondsOf(pid));
  const result = await run();
  const cpuSeconds: Record<string, number> = {};
  for (const [name, find] of Object.entries(groups)) {
    cpuSeconds[name] = find().reduce((sum, pid) => sum + cpuSecondsOf(pid) - (before.get(pid) ?? 0), 0);
  }
  return { result, cpuSeconds };
}
