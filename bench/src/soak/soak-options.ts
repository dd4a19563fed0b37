import { parseArgs } from 'node:util';

export const SOAK_HELP = `npm run soak -- [options]

Starts the built job-registry, gateway and echo-worker in a fresh namespace and drives a steady
mixed load for --minutes: echo jobs of varying length, some cancelled while they run, some that
fail, status pollers, SSE followers and a periodic list. Samples every process's memory, the
JetStream consumers' lag and the HTTP errors, then judges: memory flat after warm-up, lag bounded
and drained, every job terminal, no error growth and no 5xx. Prints a table, writes
bench/soak-results.json and exits non-zero when the verdict fails. Needs NATS (NATS_URL) and
PostgreSQL (DATABASE_URL, a maintenance database URL).

Options:
  --minutes N          length of the load (fractions allowed)              (10)
  --rate N             echo jobs submitted per second                      (10)
  --sse N              concurrent SSE followers                            (20)
  --pollers N          clients polling GET /v1/jobs/:id                    (8)
  --poll-ms N          pause between one poller's requests                 (250)
  --list-seconds N     seconds between GET /v1/jobs lists                  (5)
  --cancel-percent N   share of jobs cancelled while they run              (10)
  --fail-percent N     share of jobs whose input makes them fail           (5)
  --sample-seconds N   seconds between samples                             (5)
  --grace-seconds N    after the load, how long every job may take to end  (60)
  --warmup-percent N   share of the run left out of the memory fit         (20)
  --max-growth N       memory growth allowed after warm-up, MB/min         (2)
  --worker-concurrency N  jobs the echo worker runs at once                (32)
  --help
`;

export interface SoakOptions {
  readonly minutes: number;
  readonly rate: number;
  readonly sse: number;
  readonly pollers: number;
  readonly pollMs: number;
  readonly listSeconds: number;
  readonly cancelPercent: number;
  readonly failPercent: number;
  readonly sampleSeconds: number;
  readonly graceSeconds: number;
  readonly warmupPercent: number;
  readonly maxGrowthMbPerMin: number;
  readonly workerConcurrency: number;
  readonly help: boolean;
  readonly natsUrl: string;
  readonly postgresUrl: string;
}

type Bounds = { readonly min: number; readonly max: number; readonly integer?: boolean };

const NUMERIC = {
  minutes: { fallback: 10, min: 0.05, max: 24 * 60 },
  rate: { fallback: 10, min: 0.1, max: 1_000 },
  sse: { fallback: 20, min: 0, max: 10_000, integer: true },
  pollers: { fallback: 8, min: 0, max: 1_000, integer: true },
  'poll-ms': { fallback: 250, min: 10, max: 60_000, integer: true },
  'list-seconds': { fallback: 5, min: 0.5, max: 3_600 },
  'cancel-percent': { fallback: 10, min: 0, max: 100 },
  'fail-percent': { fallback: 5, min: 0, max: 100 },
  'sample-seconds': { fallback: 5, min: 0.5, max: 600 },
  'grace-seconds': { fallback: 60, min: 1, max: 3_600 },
  'warmup-percent': { fallback: 20, min: 0, max: 90 },
  'max-growth': { fallback: 2, min: 0, max: 10_000 },
  'worker-concurrency': { fallback: 32, min: 1, max: 256, integer: true },
} satisfies Record<string, Bounds & { readonly fallback: number }>;

/** Parses and validates the command line; throws an Error naming the first bad option. */
export function parseSoakOptions(argv: readonly string[], env: NodeJS.ProcessEnv): SoakOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...Object.fromEntries(Object.keys(NUMERIC).map((name) => [name, { type: 'string' as const }])),
      help: { type: 'boolean', default: false },
    },
  });
  const text = values as Record<string, string | boolean | undefined>;
  const num = (name: keyof typeof NUMERIC): number => numberOption(name, text[name] as string | undefined, NUMERIC[name]);
  const cancelPercent = num('cancel-percent');
  const failPercent = num('fail-percent');
  if (cancelPercent + failPercent > 100) throw new Error('--cancel-percent and --fail-percent together must not exceed 100');
  return {
    minutes: num('minutes'),
    rate: num('rate'),
    sse: num('sse'),
    pollers: num('pollers'),
    pollMs: num('poll-ms'),
    listSeconds: num('list-seconds'),
    cancelPercent,
    failPercent,
    sampleSeconds: num('sample-seconds'),
    graceSeconds: num('grace-seconds'),
    warmupPercent: num('warmup-percent'),
    maxGrowthMbPerMin: num('max-growth'),
    workerConcurrency: num('worker-concurrency'),
    help: values.help === true,
    natsUrl: env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    postgresUrl: env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

function numberOption(name: string, raw: string | undefined, bounds: Bounds & { readonly fallback: number }): number {
  if (raw === undefined) return bounds.fallback;
  const value = Number(raw);
  const kind = bounds.integer ? 'a whole number' : 'a number';
  if (raw.trim() === '' || !Number.isFinite(value) || (bounds.integer && !Number.isInteger(value)) || value < bounds.min || value > bounds.max) {
    throw new Error(`--${name} must be ${kind} from ${bounds.min} to ${bounds.max}, got "${raw}"`);
  }
  return value;
}
