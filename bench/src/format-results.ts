import type { BenchResults } from './run-benchmarks';
import type { Spread } from './common/stats';

const cell = (s: Spread | undefined) => (s ? `${s.median} (${s.min}–${s.max})` : 'n/a');

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
  for (const run of fanout) {
    lines.push(
      `| SSE ${run.clients} clients, ${run.offeredPerSecond} deliveries/s offered: p50 / p99 ms, bytes/conn, missed, connect s | ${run.latencyP50Ms} / ${run.latencyP99Ms}, ${run.gatewayBytesPerConnection}, ${run.missedEvents}, ${run.connectSeconds} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
