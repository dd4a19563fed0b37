import type { BenchResults } from './run-benchmarks';
import type { Spread } from './common/stats';

const cell = (s: Spread | undefined) => (s ? `${s.median} (${s.min}–${s.max})` : 'n/a');

/** Median CPU ms per job of each process across the runs, and their sum. */
function cpuRow(name: string, perRun: readonly Readonly<Record<string, number>>[]): string {
  const processes = Object.keys(perRun[0] ?? {});
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const figures = processes.map((process) => median(perRun.map((run) => run[process] ?? 0)));
  const total = figures.reduce((sum, figure) => sum + figure, 0);
  return `| ${name} CPU per job, ms (${processes.join(' / ')}) | ${figures.map((f) => f.toFixed(2)).join(' / ')} (total ${total.toFixed(2)}) |`;
}

/** The table `npm run bench` prints: medians with the min–max of the runs. */
export function formatResults(results: BenchResults): string {
  const { machine, summary, fanout, options } = results;
  const lines = [
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.natsServer}, ${machine.postgres}, ${machine.redis}`,
    `workload: ${options.jobs} jobs × 5 progress events, ${options.concurrency} HTTP clients, ${options.runs} run(s); median (min–max)`,
    '',
    `| scenario | figure |`,
    `|---|---|`,
    `| jetjobs lifecycle, jobs/s | ${cell(summary['jetjobsJobsPerSecond'])} |`,
    `| BullMQ lifecycle, jobs/s | ${cell(summary['bullmqJobsPerSecond'])} |`,
    `| ratio jetjobs / BullMQ | ${cell(summary['throughputRatio'])} |`,
    `| jetjobs submit→completed p99, ms | ${cell(summary['jetjobsP99Ms'])} |`,
    `| BullMQ submit→completed p99, ms | ${cell(summary['bullmqP99Ms'])} |`,
    `| jetjobs events/s (pipeline) | ${cell(summary['jetjobsEventsPerSecond'])} |`,
    `| raw JetStream ceiling, msgs/s | ${cell(summary['ceilingMessagesPerSecond'])} |`,
    `| fraction of ceiling | ${cell(summary['fractionOfCeiling'])} |`,
    `| projector replay, events/s | ${cell(summary['projectorEventsPerSecond'])} |`,
    `| projector lag under load, events (max) | ${cell(summary['maxProjectorLagEvents'])} |`,
  ];
  lines.push(cpuRow('jetjobs', results.runs.map((r) => r.jetjobs.cpuMsPerJob)), cpuRow('BullMQ', results.runs.map((r) => r.bullmq.cpuMsPerJob)));
  for (const run of fanout) {
    lines.push(
      `| SSE ${run.clients} clients, ${run.offeredPerSecond} deliveries/s offered: p50 / p99 ms, bytes/conn, missed, connect s | ${run.latencyP50Ms} / ${run.latencyP99Ms}, ${run.gatewayBytesPerConnection}, ${run.missedEvents}, ${run.connectSeconds} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
