import { parseArgs } from 'node:util';

export const HELP = `npm run bench -- [options]

Runs the jetjobs benchmarks side by side on this machine and prints a table; writes
bench/results.json. Needs NATS (NATS_URL), PostgreSQL (DATABASE_URL, a maintenance database URL)
and Redis on 127.0.0.1:6379 (for the BullMQ comparison). Build first (npm run build).

Options:
  --jobs N            jobs per lifecycle run                      (5000)
  --concurrency N     concurrent HTTP clients                     (50)
  --runs N            runs of each scenario (min/median/max)      (3)
  --clients A,B       SSE fan-out client counts                   (1000,10000)
  --fanout-jobs N     jobs the SSE clients follow                 (100)
  --rounds N          progress events appended per followed job   (10)
  --round-ms N        pause between two rounds of progress events  (100)
  --worker-concurrency N  jobs per worker process at once          (32)
  --smoke             a few jobs and clients: checks the harness, measures nothing
  --help
`;

export interface BenchOptions {
  readonly jobs: number;
  readonly concurrency: number;
  readonly runs: number;
  readonly clients: readonly number[];
  readonly fanoutJobs: number;
  readonly rounds: number;
  readonly roundMs: number;
  readonly workerConcurrency: number;
  readonly smoke: boolean;
  readonly help: boolean;
  readonly natsUrl: string;
  readonly postgresUrl: string;
}

export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      jobs: { type: 'string' },
      concurrency: { type: 'string' },
      runs: { type: 'string' },
      clients: { type: 'string' },
      'fanout-jobs': { type: 'string' },
      rounds: { type: 'string' },
      'round-ms': { type: 'string' },
      'worker-concurrency': { type: 'string' },
      smoke: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const smoke = values.smoke ?? false;
  const int = (text: string | undefined, fallback: number, name: string): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${text}"`);
    return value;
  };
  return {
    jobs: int(values.jobs, smoke ? 20 : 5_000, 'jobs'),
    concurrency: int(values.concurrency, smoke ? 4 : 50, 'concurrency'),
    runs: int(values.runs, smoke ? 1 : 3, 'runs'),
    clients: (values.clients ?? (smoke ? '10' : '1000,10000')).split(',').map((c) => int(c, 0, 'clients')),
    fanoutJobs: int(values['fanout-jobs'], smoke ? 2 : 100, 'fanout-jobs'),
    rounds: int(values.rounds, smoke ? 2 : 10, 'rounds'),
    roundMs: int(values['round-ms'], 100, 'round-ms'),
    workerConcurrency: int(values['worker-concurrency'], 32, 'worker-concurrency'),
    smoke,
    help: values.help ?? false,
    natsUrl: env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    postgresUrl: env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}
