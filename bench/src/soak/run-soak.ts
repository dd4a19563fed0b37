import { jetstreamManager } from '@nats-io/jetstream';
import { names } from '@jetjobs/contracts';
import { connectNats } from '@jetjobs/event-store';
import { describeMachine } from '../common/machine';
import { percentile, round } from '../common/stats';
import { startJetjobs } from '../jetjobs/jetjobs-stack';
import { HttpTally } from './http-tally';
import { JobLedger, type JobSummary } from './job-ledger';
import { SoakLoad } from './soak-load';
import type { SoakOptions } from './soak-options';
import { SoakSampler, watchedConsumers, type Sample } from './soak-sampler';
import { judge, type Verdict } from './soak-verdict';

/**
 * The soak holds the arrival rate itself; the gateway's per-project submit limit would turn part
 * of its steady load into 429s, so it is switched off (0 means no limit).
 */
const SOAK_ENV = { JETJOBS_SUBMIT_RATE_PER_SECOND: '0' };

/** startJetjobs starts these, in this order; its `pids` follow the same order. */
const SERVICES = ['job-registry', 'gateway', 'echo-worker'] as const;

export interface SoakResults {
  readonly machine: ReturnType<typeof describeMachine>;
  readonly options: SoakOptions;
  readonly startedAt: string;
  readonly loadSeconds: number;
  readonly drainSeconds: number;
  readonly loadAverage: { readonly mean: number; readonly max: number };
  readonly submitsBehind: number;
  readonly jobs: Omit<JobSummary, 'endToEndMs'> & { readonly endToEndP50Ms: number; readonly endToEndP99Ms: number };
  readonly http: {
    readonly requests: Readonly<Record<string, number>>;
    readonly expected: Readonly<Record<string, number>>;
    readonly errorsByOutcome: Readonly<Record<string, number>>;
    readonly errorsByRoute: Readonly<Record<string, number>>;
    readonly p99FirstThirdMs: number;
    readonly p99LastThirdMs: number;
  };
  readonly samples: readonly Sample[];
  readonly verdict: Verdict;
}

/**
 * One soak run: a fresh stack, the mixed load for `minutes`, then a drain of up to
 * `graceSeconds` in which every job should end and every consumer's backlog reach zero; the
 * stack is stopped and its namespace removed whatever happens.
 */
export async function runSoak(options: SoakOptions, log: (line: string) => void): Promise<SoakResults> {
  const machine = describeMachine();
  const stack = await startJetjobs({ natsUrl: options.natsUrl, postgresUrl: options.postgresUrl, workerConcurrency: options.workerConcurrency }, SOAK_ENV);
  const nc = await connectNats(options.natsUrl, 'soak-sampler');
  try {
    const startedAt = Date.now();
    const ledger = new JobLedger();
    const tally = new HttpTally(startedAt);
    const load = new SoakLoad(stack, options, ledger, tally);
    const processes = Object.fromEntries(SERVICES.map((name, i) => [name, stack.pids[i] ?? 0]));
    const consumers = watchedConsumers(names(stack.namespace), 'echo');
    const sampler = new SoakSampler({ processes, jsm: await jetstreamManager(nc), consumers, ledger, tally, openStreams: () => load.streamsOpen, startedAt }, progress(log));
    log(`namespace ${stack.namespace}: ${options.minutes} min at ${options.rate} jobs/s`);
    load.start();
    sampler.start(options.sampleSeconds * 1000);
    await new Promise((r) => setTimeout(r, options.minutes * 60_000));
    await load.stopSubmitting();
    const loadSeconds = round((Date.now() - startedAt) / 1000);
    sampler.phase = 'drain';
    log(`load stopped after ${loadSeconds} s; draining (up to ${options.graceSeconds} s)`);
    await drain(ledger, load, sampler, options.graceSeconds * 1000);
    const drainSeconds = round((Date.now() - startedAt) / 1000 - loadSeconds);
    await load.stop();
    await sampler.stop();
    sampler.phase = 'end';
    await sampler.sample();
    return summarise({ machine, options, startedAt, loadSeconds, drainSeconds, ledger, tally, samples: sampler.samples, submitsBehind: load.submitsBehind });
  } finally {
    await nc.close();
    await stack.stop();
  }
}

/** Reads every job not yet seen terminal until all are and every backlog is zero, or time runs out. */
async function drain(ledger: JobLedger, load: SoakLoad, sampler: SoakSampler, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    const active = ledger.activeIds();
    for (let i = 0; i < active.length; i += 8) await Promise.all(active.slice(i, i + 8).map((id) => load.refresh(id)));
    const lag = Object.values(await sampler.lag());
    if (ledger.tally().notTerminal === 0 && lag.every((l) => l === 0)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

function progress(log: (line: string) => void): (sample: Sample) => void {
  let lastMinute = 0;
  return (sample) => {
    const minute = Math.floor(sample.atSeconds / 60);
    if (minute <= lastMinute) return;
    lastMinute = minute;
    const rss = Object.entries(sample.rssMb).map(([name, mb]) => `${name} ${mb ?? 'gone'} MB`).join(', ');
    const lag = Object.entries(sample.lag).map(([name, n]) => `${name} ${n ?? 'n/a'}`).join(', ');
    log(`${minute} min: ${sample.jobs.submitted} submitted, ${sample.jobs.notTerminal} not terminal, ${sample.errors} errors; RSS ${rss}; lag ${lag}; load ${sample.loadAverage1m}`);
  };
}

interface Collected {
  readonly machine: ReturnType<typeof describeMachine>;
  readonly options: SoakOptions;
  readonly startedAt: number;
  readonly loadSeconds: number;
  readonly drainSeconds: number;
  readonly ledger: JobLedger;
  readonly tally: HttpTally;
  readonly samples: readonly Sample[];
  readonly submitsBehind: number;
}

function summarise(run: Collected): SoakResults {
  const { options, samples, tally, loadSeconds } = run;
  const { endToEndMs, ...jobs } = run.ledger.summary();
  const verdict = judge({ samples, loadSeconds, warmupPercent: options.warmupPercent, maxGrowthMbPerMin: options.maxGrowthMbPerMin, errors: tally.errors, jobs });
  const loads = samples.map((s) => s.loadAverage1m);
  const p99In = (from: number, to: number) =>
    round(percentile(samples.filter((s) => s.phase === 'load' && s.atSeconds >= from && s.atSeconds < to && s.latency.requests > 0).map((s) => s.latency.p99Ms), 50) || 0);
  const { byOutcome, byRoute } = tally.errorCounts();
  return {
    machine: run.machine,
    options,
    startedAt: new Date(run.startedAt).toISOString(),
    loadSeconds,
    drainSeconds: run.drainSeconds,
    loadAverage: { mean: round(loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length), 2), max: Math.max(0, ...loads) },
    submitsBehind: run.submitsBehind,
    jobs: { ...jobs, endToEndP50Ms: round(percentile(endToEndMs, 50) || 0), endToEndP99Ms: round(percentile(endToEndMs, 99) || 0) },
    http: { requests: tally.requests, expected: tally.expected, errorsByOutcome: byOutcome, errorsByRoute: byRoute, p99FirstThirdMs: p99In(0, loadSeconds / 3), p99LastThirdMs: p99In((2 * loadSeconds) / 3, loadSeconds + 1) },
    samples,
    verdict,
  };
}
