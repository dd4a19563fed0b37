import { measureCpu, pidsMatching, type ProcessGroups } from '../common/cpu-time';
import { percentile, round } from '../common/stats';
import type { LifecycleTarget } from '../common/target';

export interface LifecycleOptions {
  readonly jobs: number;
  readonly concurrency: number;
  /** Interval between status polls of one client. */
  readonly pollMs: number;
}

export interface LifecycleResult {
  readonly jobs: number;
  readonly jobsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly wallMs: number;
  /**
   * CPU time per completed job of each service, of the servers it uses (shared with anything else
   * the machine runs meanwhile) and of the benchmark's own clients: the figure that drifts least
   * on a shared machine, and the one that says where the time goes.
   */
  readonly cpuMsPerJob: Readonly<Record<string, number>>;
}

/**
 * Closed-loop clients: each submits a job over HTTP, polls its status until it is completed,
 * then takes the next. Throughput is from the first submit to the last completion seen.
 */
export async function runLifecycle(target: LifecycleTarget, options: LifecycleOptions): Promise<LifecycleResult> {
  const { result, cpuSeconds } = await measureCpu(processGroupsOf(target), () => runClients(target, options));
  const cpuMsPerJob = Object.fromEntries(Object.entries(cpuSeconds).map(([name, seconds]) => [name, round((seconds * 1000) / Math.max(1, result.jobs), 2)]));
  return { ...result, cpuMsPerJob };
}

function processGroupsOf(target: LifecycleTarget): ProcessGroups {
  const groups: Record<string, () => readonly number[]> = {};
  for (const [name, pid] of Object.entries(target.processes)) groups[name] = () => [pid];
  for (const [name, pattern] of Object.entries(target.servers)) groups[name] = () => pidsMatching(pattern);
  groups['benchmark clients'] = () => [process.pid];
  return groups;
}

async function runClients(target: LifecycleTarget, options: LifecycleOptions): Promise<Omit<LifecycleResult, 'cpuMsPerJob'>> {
  const client = target.client(options.concurrency * 2);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const clientLoop = async () => {
    while (next < options.jobs) {
      next += 1;
      const t0 = performance.now();
      const id = await target.submit(client);
      while (!(await target.isCompleted(client, id))) await sleep(options.pollMs);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, clientLoop));
  const wallMs = performance.now() - started;
  client.close();
  return {
    jobs: latencies.length,
    jobsPerSecond: round((latencies.length / wallMs) * 1000),
    latencyP50Ms: round(percentile(latencies, 50)),
    latencyP99Ms: round(percentile(latencies, 99)),
    wallMs: Math.round(wallMs),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
