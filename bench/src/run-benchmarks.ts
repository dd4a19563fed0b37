import { jetstreamManager } from '@nats-io/jetstream';
import { names } from '@jetjobs/contracts';
import { connectNats, readConsumerLag } from '@jetjobs/event-store';
import type { BenchOptions } from './bench-options';
import { startBullmq } from './bullmq/bullmq-stack';
import { describeMachine } from './common/machine';
import { round, spread, type Spread } from './common/stats';
import { startJetjobs } from './jetjobs/jetjobs-stack';
import { runCeiling, type CeilingResult } from './scenarios/ceiling.scenario';
import { runLifecycle, type LifecycleResult } from './scenarios/lifecycle.scenario';
import { runProjector, type ProjectorResult } from './scenarios/projector.scenario';
import { runFanout, type FanoutResult } from './scenarios/sse-fanout.scenario';

export interface RunRecord {
  readonly jetjobs: LifecycleResult & { readonly events: number; readonly maxProjectorLag: number };
  readonly bullmq: LifecycleResult;
  readonly ceiling: CeilingResult;
  readonly projector: ProjectorResult;
}

export interface BenchResults {
  readonly machine: ReturnType<typeof describeMachine>;
  readonly options: BenchOptions;
  readonly runs: RunRecord[];
  readonly fanout: FanoutResult[];
  readonly summary: Record<string, Spread>;
}

/** Every scenario, `runs` times, one after the other on the same machine. */
export async function runBenchmarks(options: BenchOptions, log: (line: string) => void): Promise<BenchResults> {
  const runs: RunRecord[] = [];
  for (let run = 1; run <= options.runs; run++) {
    log(`run ${run}/${options.runs}: jetjobs lifecycle (${options.jobs} jobs, ${options.concurrency} clients)`);
    const settings = { natsUrl: options.natsUrl, postgresUrl: options.postgresUrl, workerConcurrency: options.workerConcurrency };
    const stack = await startJetjobs(settings);
    let jetjobs: RunRecord['jetjobs'];
    let projector: ProjectorResult;
    try {
      const lag = watchProjectorLag(options.natsUrl, stack.namespace);
      const lifecycle = await runLifecycle(stack, { jobs: options.jobs, concurrency: options.concurrency, pollMs: 10 });
      const maxProjectorLag = await lag.stop();
      const { messages, bytes } = await jobsStreamSize(options.natsUrl, stack.namespace);
      jetjobs = { ...lifecycle, events: messages, maxProjectorLag };
      log(`run ${run}/${options.runs}: projector replay of ${messages} events`);
      projector = await runProjector(options.natsUrl, options.postgresUrl, stack.namespace);
      log(`run ${run}/${options.runs}: raw JetStream ceiling for ${messages} messages of ${Math.round(bytes / messages)} bytes`);
      const ceiling = await runCeiling(options.natsUrl, messages, Math.round(bytes / Math.max(1, messages)));
      log(`run ${run}/${options.runs}: BullMQ lifecycle`);
      const bullStack = await startBullmq(options.workerConcurrency);
      const bullmq = await runLifecycle(bullStack, { jobs: options.jobs, concurrency: options.concurrency, pollMs: 10 }).finally(() => bullStack.stop());
      runs.push({ jetjobs, bullmq, ceiling, projector });
    } finally {
      await stack.stop();
    }
  }
  const fanout: FanoutResult[] = [];
  for (const clients of options.clients) {
    for (let run = 1; run <= options.runs; run++) {
      log(`SSE fan-out: ${clients} clients, run ${run}/${options.runs}`);
      const stack = await startJetjobs({ natsUrl: options.natsUrl, postgresUrl: options.postgresUrl, workerConcurrency: 1 });
      try {
        fanout.push(await runFanout(stack, { clients, jobs: options.fanoutJobs, rounds: options.rounds, roundMs: options.roundMs, natsUrl: options.natsUrl }));
      } finally {
        await stack.stop();
      }
    }
  }
  return { machine: describeMachine(), options, runs, fanout, summary: summarise(runs) };
}

function summarise(runs: readonly RunRecord[]): Record<string, Spread> {
  const of = (pick: (r: RunRecord) => number) => spread(runs.map(pick));
  return {
    jetjobsJobsPerSecond: of((r) => r.jetjobs.jobsPerSecond),
    bullmqJobsPerSecond: of((r) => r.bullmq.jobsPerSecond),
    throughputRatio: of((r) => round(r.jetjobs.jobsPerSecond / r.bullmq.jobsPerSecond, 2)),
    jetjobsP99Ms: of((r) => r.jetjobs.latencyP99Ms),
    bullmqP99Ms: of((r) => r.bullmq.latencyP99Ms),
    jetjobsEventsPerSecond: of((r) => round((r.jetjobs.events / r.jetjobs.wallMs) * 1000)),
    ceilingMessagesPerSecond: of((r) => r.ceiling.messagesPerSecond),
    fractionOfCeiling: of((r) => round((r.jetjobs.events / r.jetjobs.wallMs) * 1000 / r.ceiling.messagesPerSecond, 3)),
    projectorEventsPerSecond: of((r) => r.projector.eventsPerSecond),
    maxProjectorLagEvents: of((r) => r.jetjobs.maxProjectorLag),
  };
}

async function jobsStreamSize(natsUrl: string, namespace: string): Promise<{ messages: number; bytes: number }> {
  const nc = await connectNats(natsUrl, 'bench-stats');
  const jsm = await jetstreamManager(nc);
  const { state } = await jsm.streams.info(names(namespace).jobsStream);
  await nc.close();
  return { messages: state.messages, bytes: state.bytes };
}

/** Samples the projector consumer's backlog every 250 ms while the load runs. */
function watchProjectorLag(natsUrl: string, namespace: string): { stop(): Promise<number> } {
  let max = 0;
  let running = true;
  const sampling = (async () => {
    const nc = await connectNats(natsUrl, 'bench-lag');
    const jsm = await jetstreamManager(nc);
    const n = names(namespace);
    while (running) {
      max = Math.max(max, (await readConsumerLag(jsm, n.jobsStream, n.projectorConsumer)) ?? 0);
      await new Promise((r) => setTimeout(r, 250));
    }
    await nc.close();
  })();
  return {
    async stop() {
      running = false;
      await sampling;
      return max;
    },
  };
}
