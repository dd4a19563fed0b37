import { round } from '../common/stats';
import type { ErrorRecord } from './http-tally';
import type { JobTally } from './job-ledger';
import type { Sample } from './soak-sampler';

export interface VerdictInput {
  readonly samples: readonly Sample[];
  /** How long the load ran; samples after it belong to the drain. */
  readonly loadSeconds: number;
  readonly warmupPercent: number;
  readonly maxGrowthMbPerMin: number;
  readonly errors: readonly ErrorRecord[];
  /** Jobs once the grace period after the load is over. */
  readonly jobs: JobTally;
}

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface Check {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface MemoryFigure {
  readonly process: string;
  readonly startMb: number | null;
  readonly endMb: number | null;
  readonly maxMb: number | null;
  /** Least-squares slope of RSS over the load after warm-up; null when the run is too short. */
  readonly slopeMbPerMin: number | null;
}

export interface LagFigure {
  readonly consumer: string;
  readonly max: number;
  readonly meanFirstThird: number;
  readonly meanLastThird: number;
  readonly end: number | null;
}

export interface Verdict {
  readonly pass: boolean;
  readonly checks: readonly Check[];
  readonly memory: readonly MemoryFigure[];
  readonly lag: readonly LagFigure[];
  readonly errorsFirstThird: number;
  readonly errorsLastThird: number;
}

/** A memory trend needs this many samples over at least a minute to mean anything. */
const MIN_FIT_SAMPLES = 6;
const MIN_FIT_SECONDS = 60;
/** Backlog in the last third may be up to twice that of the first, plus this many events. */
const LAG_SLACK_EVENTS = 100;

/** Least-squares slope of y over x; NaN with fewer than two distinct x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0);
  return n < 2 || sxx === 0 ? Number.NaN : sxy / sxx;
}

/**
 * Judges a soak run: memory flat after warm-up, consumer backlog not trending up and drained at
 * the end, every job terminal with the outcome its plan expects, no 5xx, and no more errors in
 * the last third of the load than in the first.
 */
export function judge(input: VerdictInput): Verdict {
  const last = input.samples.at(-1);
  const memory = memoryFigures(input);
  const lag = lagFigures(input);
  const third = input.loadSeconds / 3;
  const errorsFirstThird = input.errors.filter((e) => e.atSeconds < third).length;
  const errorsLastThird = input.errors.filter((e) => e.atSeconds >= 2 * third && e.atSeconds <= input.loadSeconds).length;
  const serverErrors = input.errors.filter((e) => e.outcome.startsWith('5')).length;
  const dead = Object.keys(last?.rssMb ?? {}).filter((name) => input.samples.some((s) => s.rssMb[name] === null));
  const checks: Check[] = [
    check('every process alive', dead.length === 0, dead.length ? `gone: ${dead.join(', ')}` : `${memory.length} processes sampled ${input.samples.length} times`),
    ...memory.map(memoryCheck(input)),
    ...lag.map((l) => check(`${l.consumer} lag bounded`, l.meanLastThird <= 2 * l.meanFirstThird + LAG_SLACK_EVENTS, `mean ${l.meanFirstThird} first third → ${l.meanLastThird} last third, max ${l.max}`)),
    check('lag drained after load', lag.length > 0 && lag.every((l) => l.end === 0), lag.map((l) => `${l.consumer} ${l.end ?? 'n/a'}`).join(', ')),
    check('every job terminal', input.jobs.submitted > 0 && input.jobs.notTerminal === 0, `${input.jobs.terminal} of ${input.jobs.submitted} terminal`),
    check('outcomes as planned', input.jobs.unexpectedOutcomes === 0, `${input.jobs.unexpectedOutcomes} unexpected`),
    check('no 5xx', serverErrors === 0, `${serverErrors} answers 5xx`),
    check('no error growth', errorsLastThird <= errorsFirstThird, `${errorsFirstThird} errors in the first third, ${errorsLastThird} in the last`),
  ];
  return { pass: checks.every((c) => c.status !== 'fail'), checks, memory, lag, errorsFirstThird, errorsLastThird };
}

function check(name: string, ok: boolean, detail: string): Check {
  return { name, status: ok ? 'pass' : 'fail', detail };
}

function memoryFigures(input: VerdictInput): MemoryFigure[] {
  const names = Object.keys(input.samples[0]?.rssMb ?? {});
  const fitFrom = (input.loadSeconds * input.warmupPercent) / 100;
  return names.map((name) => {
    const values = input.samples.map((s) => s.rssMb[name] ?? null).filter((v): v is number => v !== null);
    const fit = input.samples
      .filter((s) => s.phase === 'load' && s.atSeconds >= fitFrom)
      .flatMap((s) => {
        const mb = s.rssMb[name];
        return mb == null ? [] : [[s.atSeconds / 60, mb] as const];
      });
    const span = ((fit.at(-1)?.[0] ?? 0) - (fit[0]?.[0] ?? 0)) * 60;
    const perMin = fit.length >= MIN_FIT_SAMPLES && span >= MIN_FIT_SECONDS ? round(slope(fit), 2) : null;
    return { process: name, startMb: values[0] ?? null, endMb: values.at(-1) ?? null, maxMb: values.length ? Math.max(...values) : null, slopeMbPerMin: perMin };
  });
}

function memoryCheck(input: VerdictInput) {
  return (m: MemoryFigure): Check => {
    const name = `${m.process} memory flat`;
    if (m.slopeMbPerMin === null) return { name, status: 'skipped', detail: `run too short to fit a trend (needs ${MIN_FIT_SECONDS} s after warm-up)` };
    return check(name, m.slopeMbPerMin <= input.maxGrowthMbPerMin, `${m.slopeMbPerMin} MB/min after warm-up (limit ${input.maxGrowthMbPerMin})`);
  };
}

function lagFigures(input: VerdictInput): LagFigure[] {
  const third = input.loadSeconds / 3;
  const consumers = Object.keys(input.samples[0]?.lag ?? {});
  const mean = (values: number[]) => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : 0);
  return consumers.map((consumer) => {
    const at = (keep: (s: Sample) => boolean) => input.samples.filter(keep).map((s) => s.lag[consumer]).filter((v): v is number => v != null);
    const all = at(() => true);
    return {
      consumer,
      max: all.length ? Math.max(...all) : 0,
      meanFirstThird: mean(at((s) => s.phase === 'load' && s.atSeconds < third)),
      meanLastThird: mean(at((s) => s.phase === 'load' && s.atSeconds >= 2 * third)),
      end: input.samples.at(-1)?.lag[consumer] ?? null,
    };
  });
}
