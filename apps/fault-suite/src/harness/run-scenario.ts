import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultProfile } from '../fault-profile';
import type { FaultScenario, PlatformStack, ScenarioResult } from './fault-scenario';
import { reliabilityDir } from './data-dir';
import { FaultStack } from './fault-stack';
import { checkInvariants, type InvariantReport } from './invariants';
import { JobLoad } from './job-load';
import { waitForRecovery, type Recovery } from './recovery';
import { readStream, unfinishedJobs, type StreamSnapshot } from './stream-snapshot';
import { WebhookSink } from './webhook-sink';

// After recovery, time for SSE clients to read their last events and webhooks to arrive.
const SETTLE_TIMEOUT_MS = 60_000;

/**
 * Runs one scenario on a stack of its own: steady load, the fault once work is in flight, then
 * recovery and every invariant. Services' output is attached to any error, for the post-mortem.
 */
export function runScenario(scenario: FaultScenario, profile: FaultProfile): Promise<ScenarioResult> {
  return runScenarioOn(scenario, profile, () => FaultStack.start());
}

/** The same run on any stack: the cluster suite's replicas on three NATS nodes, say. */
export async function runScenarioOn<S extends PlatformStack>(scenario: FaultScenario<S>, profile: ScenarioLoad, startStack: () => Promise<S>): Promise<ScenarioResult> {
  const sink = await WebhookSink.start();
  const stack = await startStack().catch(async (error: unknown) => {
    await sink.close();
    throw error;
  });
  const jobs = Math.round(profile.jobsPerSecond * (scenario.loadSeconds ?? profile.loadSeconds));
  const load = new JobLoad({
    baseUrls: stack.baseUrls,
    token: stack.token,
    jobs,
    intervalMs: 1000 / profile.jobsPerSecond,
    input: profile.input,
    webhookUrl: sink.url,
  });
  try {
    const store = await stack.eventStore();
    await load.waitForAccepted(Math.min(jobs, profile.jobsBeforeFault));
    const inFlightAtFault = unfinishedJobs(await readStream(store));
    const faultAt = Date.now();
    const faultsInjected = await scenario.inject(stack);
    await withTimeout(load.finished(), profile.recoveryTimeoutMs, 'the load was not accepted');
    const recovery = await waitForRecovery(stack, load.accepted, profile.recoveryTimeoutMs);
    const webhooksAt = await settle(load, sink);
    const stream = await readStream(store);
    const invariants = await checkInvariants({
      accepted: load.accepted,
      keyConflicts: load.keyConflicts,
      stream,
      database: await stack.database(),
      webhooks: sink,
      outputsPerAttempt: profile.input.outputs,
    });
    const measured = measure({ scenario, stack, load, sink, stream, recovery, invariants, faultAt, webhooksAt, inFlightAtFault, faultsInjected });
    const result = { ...measured, violations: [...measured.violations, ...(scenario.check?.(stream, measured) ?? [])] };
    if (result.violations.length > 0 || process.env['FAULTS_KEEP_LOGS'] === '1') keepLogs(scenario.id, stack.logs());
    return result;
  } catch (error) {
    throw new Error(`${scenario.name}: ${error instanceof Error ? error.message : String(error)}\n${stack.logs()}`);
  } finally {
    load.stop();
    await stack.dispose();
    await sink.close();
  }
}

/** What a run needs of a profile: the load's shape and how long recovery may take. */
export type ScenarioLoad = Pick<FaultProfile, 'jobsPerSecond' | 'loadSeconds' | 'jobsBeforeFault' | 'input' | 'recoveryTimeoutMs'>;

interface Observations {
  readonly scenario: FaultScenario<never>;
  readonly stack: PlatformStack;
  readonly load: JobLoad;
  readonly sink: WebhookSink;
  readonly stream: StreamSnapshot;
  readonly recovery: Recovery;
  readonly invariants: InvariantReport;
  readonly faultAt: number;
  readonly webhooksAt: number;
  readonly inFlightAtFault: number;
  readonly faultsInjected: number;
}

function measure(o: Observations): ScenarioResult {
  const notInStream = o.load.accepted.filter((job) => !o.stream.byJob.has(job.id)).map((job) => job.id);
  return {
    id: o.scenario.id,
    name: o.scenario.name,
    jobs: o.load.accepted.length,
    inFlightAtFault: o.inFlightAtFault,
    faultsInjected: o.faultsInjected,
    recoveryMs: o.recovery.at - o.faultAt,
    webhooksMs: o.webhooksAt - o.faultAt,
    jobsLost: new Set([...o.recovery.unfinished, ...notInStream]).size,
    duplicates: o.invariants.duplicates,
    failedJobs: [...o.recovery.statuses.values()].filter((status) => status === 'failed').length,
    retriedJobs: retriedJobs(o.stream),
    sseReconnects: o.load.accepted.reduce((sum, job) => sum + job.follower.reconnects, 0),
    submitRetries: o.load.submitRetries,
    webhookRetries: o.sink.retries(),
    ...(o.stack.timings ? { timings: Object.fromEntries(o.stack.timings) } : {}),
    violations: [
      ...(o.stack.problems?.() ?? []),
      ...(o.recovery.caughtUp ? [] : ['the projection did not catch up with the stream']),
      ...notInStream.map((id) => `accepted job ${id} is not in the stream`),
      ...o.recovery.unfinished.map((id) => `job ${id} did not reach a terminal state`),
      ...o.invariants.violations,
    ],
  };
}

/** Waits for every SSE client to see its job's end and every job's webhook; returns when they had. */
async function settle(load: JobLoad, sink: WebhookSink): Promise<number> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  const settled = () => load.accepted.every((job) => job.follower.finished && sink.delivered().has(job.id));
  while (!settled() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return Date.now();
}

/** A scenario that broke a promise leaves its services' output next to the results. */
function keepLogs(id: string, logs: string): void {
  mkdirSync(reliabilityDir(), { recursive: true });
  writeFileSync(join(reliabilityDir(), `faults-${id}.log`), logs);
}

function retriedJobs(stream: StreamSnapshot): number {
  return [...stream.byJob.values()].filter((events) => events.some(({ event }) => event.type === 'JobStarted' && event.data.attempt > 1)).length;
}

async function withTimeout(work: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
