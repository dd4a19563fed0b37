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
}

/**
 * Closed-loop clients: each submits a job over HTTP, polls its status until it is completed,
 * then takes the next. Throughput is from the first submit to the last completion seen.
 */
export async function runLifecycle(target: LifecycleTarget, options: LifecycleOptions): Promise<LifecycleResult> {
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
