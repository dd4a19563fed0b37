import type { JobTally } from './job-ledger';
import type { Sample } from './soak-sampler';
import { judge, slope, type VerdictInput } from './soak-verdict';

const JOBS: JobTally = { submitted: 10, terminal: 10, notTerminal: 0, byStatus: { queued: 0, processing: 0, completed: 8, failed: 1, cancelled: 1 }, unexpectedOutcomes: 0 };

/** One sample a minute for ten minutes of load, then the final one; memory and lag as given. */
function run(rssAt: (minute: number) => number, lagAt: (minute: number) => number, endLag = 0): Sample[] {
  const samples: Sample[] = Array.from({ length: 11 }, (_, minute) => ({
    atSeconds: minute * 60,
    phase: 'load' as const,
    rssMb: { gateway: rssAt(minute) },
    lag: { projector: lagAt(minute) },
    jobs: JOBS,
    errors: 0,
    latency: { requests: 1, p50Ms: 1, p99Ms: 2 },
    openStreams: 0,
    loadAverage1m: 1,
  }));
  return [...samples, { ...samples[10]!, atSeconds: 620, phase: 'end', lag: { projector: endLag } }];
}

const input = (samples: Sample[], overrides: Partial<VerdictInput> = {}): VerdictInput => ({
  samples, loadSeconds: 600, warmupPercent: 20, maxGrowthMbPerMin: 1, errors: [], jobs: JOBS, ...overrides,
});

const statusOf = (verdict: ReturnType<typeof judge>, name: string) => verdict.checks.find((c) => c.name === name)?.status;

describe('soak verdict', () => {
  it('fits a least-squares slope', () => {
    expect(slope([[0, 1], [1, 3], [2, 5]])).toBeCloseTo(2);
    expect(slope([[1, 1]])).toBeNaN();
  });

  it('passes a run with flat memory, steady lag that drains, and no errors', () => {
    const verdict = judge(input(run((m) => 100 + (m % 2) * 5, () => 40)));
    expect(verdict.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(verdict.pass).toBe(true);
    expect(verdict.memory[0]).toMatchObject({ process: 'gateway', startMb: 100, maxMb: 105 });
  });

  it('ignores growth during warm-up but flags it afterwards', () => {
    const warmingUp = judge(input(run((m) => (m < 2 ? 50 + m * 25 : 100), () => 0)));
    expect(statusOf(warmingUp, 'gateway memory flat')).toBe('pass');
    const leaking = judge(input(run((m) => 100 + m * 3, () => 0)));
    expect(leaking.memory[0]!.slopeMbPerMin).toBeCloseTo(3);
    expect(statusOf(leaking, 'gateway memory flat')).toBe('fail');
    expect(leaking.pass).toBe(false);
  });

  it('skips the memory trend of a run too short to fit one', () => {
    const short = run(() => 100, () => 0).map((s) => ({ ...s, atSeconds: s.atSeconds / 60 }));
    const verdict = judge(input(short, { loadSeconds: 10 }));
    expect(statusOf(verdict, 'gateway memory flat')).toBe('skipped');
    expect(verdict.pass).toBe(true);
  });

  it('fails a backlog that keeps growing or is not drained at the end', () => {
    expect(statusOf(judge(input(run(() => 100, (m) => m * 500))), 'projector lag bounded')).toBe('fail');
    expect(statusOf(judge(input(run(() => 100, () => 10, 3))), 'lag drained after load')).toBe('fail');
  });

  it('fails on a 5xx, on more errors at the end than at the start, and on jobs left running', () => {
    const late = [{ atSeconds: 500, route: 'GET /v1/jobs/:id', outcome: '404' }];
    const verdict = judge(input(run(() => 100, () => 0), {
      errors: [...late, { atSeconds: 10, route: 'POST /v1/jobs', outcome: '503' }, { atSeconds: 550, route: 'POST /v1/jobs', outcome: 'network' }],
      jobs: { ...JOBS, terminal: 9, notTerminal: 1 },
    }));
    expect(statusOf(verdict, 'no 5xx')).toBe('fail');
    expect(statusOf(verdict, 'no error growth')).toBe('fail');
    expect(statusOf(verdict, 'every job terminal')).toBe('fail');
    expect(verdict).toMatchObject({ errorsFirstThird: 1, errorsLastThird: 2, pass: false });
  });

  it('fails when a process disappears', () => {
    const samples = run(() => 100, () => 0);
    samples[5] = { ...samples[5]!, rssMb: { gateway: null } };
    expect(statusOf(judge(input(samples)), 'every process alive')).toBe('fail');
  });
});
