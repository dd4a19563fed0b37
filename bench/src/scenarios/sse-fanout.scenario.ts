import { connectNats, EventStore, executeCommand, type JobSnapshot } from '@jetjobs/event-store';
import { names } from '@jetjobs/contracts';
import { rssOf } from '../common/processes';
import { percentile, round } from '../common/stats';
import type { startJetjobs } from '../jetjobs/jetjobs-stack';
import { follow, type SseFollower } from './sse-client-pool';

type Jetjobs = Awaited<ReturnType<typeof startJetjobs>>;

export interface FanoutOptions {
  readonly clients: number;
  readonly jobs: number;
  /** Progress events appended per job while every client follows. */
  readonly rounds: number;
  /** Pause between rounds: with `jobs` events a round, the offered rate is clients × 1000 / roundMs deliveries/s. */
  readonly roundMs: number;
  readonly natsUrl: string;
}

export interface FanoutResult {
  readonly clients: number;
  /** Deliveries per second the rounds ask of the gateway (every client gets one event a round). */
  readonly offeredPerSecond: number;
  readonly deliveries: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly gatewayBytesPerConnection: number;
  readonly missedEvents: number;
  readonly connectSeconds: number;
}

/**
 * Many SSE clients follow running jobs on one gateway while the benchmark appends their events
 * (acting as the worker): delivery latency from append to receipt, memory per connection, and a
 * check that every client saw every version exactly once, in order.
 */
export async function runFanout(stack: Jetjobs, options: FanoutOptions): Promise<FanoutResult> {
  const client = stack.client(32);
  const jobIds: string[] = [];
  for (let i = 0; i < options.jobs; i++) {
    const { body } = await client.send<{ id: string }>('POST', '/v1/jobs', { kind: 'fanout', input: {} });
    jobIds.push(body.id);
  }
  client.close();
  const gatewayPid = stack.pids[1] ?? 0;
  const rssBefore = await rssOf(gatewayPid);
  const connectStarted = performance.now();
  const followers: SseFollower[] = [];
  for (let i = 0; i < options.clients; i++) {
    followers.push(follow(`${stack.baseUrl}/v1/jobs/${jobIds[i % jobIds.length]}/events`, stack.token));
    if (i % 200 === 199) await allConnected(followers);
  }
  await allConnected(followers);
  const connectSeconds = round((performance.now() - connectStarted) / 1000);
  const rssAfter = await rssOf(gatewayPid);
  await appendEvents(stack.namespace, options, jobIds);
  await Promise.all(followers.map((f) => f.ended));
  const expected = 3 + options.rounds; // submitted, started, progress × rounds, completed
  const missed = followers.reduce((sum, f) => sum + missing(f.versions, expected), 0);
  const latencies = followers.flatMap((f) => f.latenciesMs.slice(1)); // the first is history, not live
  return {
    clients: options.clients,
    offeredPerSecond: Math.round((options.clients * 1000) / options.roundMs),
    deliveries: latencies.length,
    latencyP50Ms: round(percentile(latencies, 50)),
    latencyP99Ms: round(percentile(latencies, 99)),
    gatewayBytesPerConnection: Math.round((rssAfter - rssBefore) / options.clients),
    missedEvents: missed,
    connectSeconds,
  };
}

/** Waits until every follower has its history (version 1), i.e. is live. */
async function allConnected(followers: readonly SseFollower[]): Promise<void> {
  while (followers.some((f) => f.versions.length === 0)) await new Promise((r) => setTimeout(r, 20));
}

function missing(versions: readonly number[], expected: number): number {
  const inOrder = versions.every((v, i) => v === i + 1);
  return inOrder ? expected - versions.length : expected;
}

async function appendEvents(namespace: string, options: FanoutOptions, jobIds: string[]): Promise<void> {
  const nc = await connectNats(options.natsUrl, 'bench-fanout');
  const store = await EventStore.open(nc, names(namespace));
  const context = { correlationId: 'bench', causationId: null };
  const snapshots = new Map<string, JobSnapshot>();
  const apply = async (jobId: string, command: Parameters<typeof executeCommand>[2]) => {
    const result = await executeCommand(store, { jobId }, command, context, snapshots.get(jobId));
    snapshots.set(jobId, result);
  };
  for (const jobId of jobIds) await apply(jobId, { type: 'StartJob', data: { workerId: 'bench' } });
  for (let round = 1; round <= options.rounds; round++) {
    await Promise.all(jobIds.map((jobId) => apply(jobId, {
      type: 'ReportProgress',
      data: { attempt: 1, progress: (round / options.rounds) * 100, detail: `round ${round}`, framesCompleted: null, frameCount: null },
    })));
    await new Promise((r) => setTimeout(r, options.roundMs));
  }
  await Promise.all(jobIds.map((jobId) => apply(jobId, { type: 'CompleteJob', data: { attempt: 1, result: { ok: true } } })));
  await nc.drain();
}
