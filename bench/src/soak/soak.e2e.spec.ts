import { formatSoak } from './format-soak';
import { runSoak } from './run-soak';
import { parseSoakOptions } from './soak-options';

// A short, light soak so the harness cannot rot: twenty seconds of every kind of client against
// the built services. It is too short to judge memory (that check is skipped); the figures come
// from `npm run soak` itself.
describe('soak harness (smoke)', () => {
  it('samples every process and consumer, accounts for every job and reaches a verdict', async () => {
    const options = parseSoakOptions(
      ['--minutes', '0.33', '--rate', '3', '--sse', '3', '--pollers', '2', '--list-seconds', '2', '--sample-seconds', '1', '--grace-seconds', '15', '--cancel-percent', '20', '--fail-percent', '20'],
      process.env,
    );
    const results = await runSoak(options, () => undefined);

    const load = results.samples.filter((s) => s.phase === 'load');
    expect(load.length).toBeGreaterThanOrEqual(10);
    for (const sample of results.samples) {
      expect(Object.keys(sample.rssMb)).toEqual(['job-registry', 'gateway', 'echo-worker']);
      expect(Object.values(sample.rssMb).every((mb) => mb !== null && mb > 10)).toBe(true);
    }
    expect(Object.keys(results.samples.at(-1)!.lag)).toEqual(['projector', 'dispatcher', 'webhooks', 'work-echo']);
    expect(results.jobs.submitted).toBeGreaterThanOrEqual(40);
    expect(results.jobs.notTerminal).toBe(0);
    expect(results.jobs.byStatus.completed + results.jobs.byStatus.failed + results.jobs.byStatus.cancelled).toBe(results.jobs.submitted);
    expect(results.http.requests).toEqual(expect.objectContaining({ 'POST /v1/jobs': expect.any(Number), 'GET /v1/jobs/:id': expect.any(Number), 'GET /v1/jobs/:id/events': expect.any(Number), 'GET /v1/jobs': expect.any(Number) }));
    expect(results.verdict.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['gateway memory flat', 'projector lag bounded', 'lag drained after load', 'no 5xx', 'no error growth']));
    expect(results.verdict.checks.find((c) => c.name === 'no 5xx')!.status).toBe('pass');
    expect(formatSoak(results)).toMatch(/verdict: (PASS|FAIL)/);
  }, 60_000);
});
