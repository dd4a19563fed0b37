import { parseBenchOptions } from './bench-options';
import { formatResults } from './format-results';
import { runBenchmarks } from './run-benchmarks';

// A smoke run of every scenario with a few jobs and clients, so the harness cannot rot. It
// measures nothing: figures come from `npm run bench` on a quiet machine.
describe('benchmark harness (smoke)', () => {
  it('runs every scenario end to end and accounts for every job and event', async () => {
    const options = parseBenchOptions(['--smoke'], process.env);
    const results = await runBenchmarks(options, () => undefined);
    const [run] = results.runs;

    expect(run!.jetjobs.jobs).toBe(options.jobs);
    expect(run!.bullmq.jobs).toBe(options.jobs);
    // Per echo job: submitted, started, one log line, five progress events, completed.
    expect(run!.jetjobs.events).toBe(options.jobs * 9);
    expect(run!.projector.events).toBe(run!.jetjobs.events);
    expect(run!.ceiling.messages).toBe(run!.jetjobs.events);
    expect(results.fanout).toEqual([expect.objectContaining({ clients: options.clients[0], missedEvents: 0 })]);
    expect(results.fanout[0]!.deliveries).toBe(options.clients[0]! * (2 + options.rounds));
    // CPU time is accounted to each service, the servers it uses and the clients.
    expect(Object.keys(run!.jetjobs.cpuMsPerJob)).toEqual(['job-registry', 'gateway', 'echo-worker', 'nats-server', 'postgres', 'benchmark clients']);
    expect(Object.keys(run!.bullmq.cpuMsPerJob)).toEqual(['bullmq-server', 'bullmq-worker', 'redis', 'benchmark clients']);
    expect(run!.jetjobs.cpuMsPerJob['gateway']).toBeGreaterThan(0);
    expect(run!.bullmq.cpuMsPerJob['bullmq-server']).toBeGreaterThan(0);
    expect(formatResults(results)).toContain('| ratio jetjobs / BullMQ |');
    expect(formatResults(results)).toContain('| jetjobs CPU per job, ms (job-registry / gateway / echo-worker / nats-server / postgres / benchmark clients) |');
  }, 120_000);

  it('rejects a bad option with a message naming it', () => {
    expect(() => parseBenchOptions(['--jobs', 'many'], {})).toThrow('--jobs must be a positive integer, got "many"');
  });
});
