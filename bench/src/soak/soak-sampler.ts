import { loadavg } from 'node:os';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { Names } from '@jetjobs/contracts';
import { readConsumerLag } from '@jetjobs/event-store';
import { rssOf } from '../common/processes';
import { round } from '../common/stats';
import type { HttpTally, LatencyWindow } from './http-tally';
import type { JobLedger, JobTally } from './job-ledger';

export type Phase = 'load' | 'drain' | 'end';

/** A durable consumer whose backlog the soak watches. */
export interface WatchedConsumer {
  readonly label: string;
  readonly stream: string;
  readonly name: string;
}

/** One look at the system: memory per process, backlog per consumer, jobs, errors, latency. */
export interface Sample {
  readonly atSeconds: number;
  readonly phase: Phase;
  /** VmRSS in MB; null when the process could not be read (it has exited). */
  readonly rssMb: Readonly<Record<string, number | null>>;
  /** num_pending + num_ack_pending; null when the consumer info could not be read. */
  readonly lag: Readonly<Record<string, number | null>>;
  readonly jobs: JobTally;
  readonly errors: number;
  readonly latency: LatencyWindow;
  readonly openStreams: number;
  readonly loadAverage1m: number;
}

/** The durable consumers behind a job's path: dispatch, work, projection and webhooks. */
export function watchedConsumers(n: Names, kind: string): WatchedConsumer[] {
  return [
    { label: n.projectorConsumer, stream: n.jobsStream, name: n.projectorConsumer },
    { label: n.dispatcherConsumer, stream: n.jobsStream, name: n.dispatcherConsumer },
    { label: n.webhookConsumer, stream: n.jobsStream, name: n.webhookConsumer },
    { label: n.workConsumer(kind), stream: n.workStream, name: n.workConsumer(kind) },
  ];
}

export interface SamplerSources {
  readonly processes: Readonly<Record<string, number>>;
  readonly jsm: JetStreamManager;
  readonly consumers: readonly WatchedConsumer[];
  readonly ledger: JobLedger;
  readonly tally: HttpTally;
  readonly openStreams: () => number;
  readonly startedAt: number;
}

/** Takes a sample every `intervalMs` until stopped; every sample is kept for the verdict. */
export class SoakSampler {
  readonly samples: Sample[] = [];
  phase: Phase = 'load';
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly sources: SamplerSources,
    private readonly onSample: (sample: Sample) => void = () => undefined,
  ) {}

  start(intervalMs: number): void {
    const tick = () => {
      this.inFlight = this.sample().then(() => undefined, () => undefined);
      this.timer = setTimeout(() => void this.inFlight.then(tick), intervalMs);
    };
    tick();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.inFlight;
  }

  async sample(): Promise<Sample> {
    const { processes, ledger, tally, startedAt } = this.sources;
    const rssEntries = await Promise.all(
      Object.entries(processes).map(async ([name, pid]) => [name, await rssOf(pid).then((bytes) => (bytes > 0 ? round(bytes / 2 ** 20) : null), () => null)] as const),
    );
    const sample: Sample = {
      atSeconds: round((Date.now() - startedAt) / 1000),
      phase: this.phase,
      rssMb: Object.fromEntries(rssEntries),
      lag: await this.lag(),
      jobs: ledger.tally(),
      errors: tally.errors.length,
      latency: tally.drainWindow(),
      openStreams: this.sources.openStreams(),
      loadAverage1m: round(loadavg()[0] ?? 0, 2),
    };
    this.samples.push(sample);
    this.onSample(sample);
    return sample;
  }

  /** Backlog of every watched consumer now. */
  async lag(): Promise<Record<string, number | null>> {
    const { jsm, consumers } = this.sources;
    const entries = await Promise.all(consumers.map(async (c) => {
      return [c.label, await readConsumerLag(jsm, c.stream, c.name)] as const;
    }));
    return Object.fromEntries(entries);
  }
}
