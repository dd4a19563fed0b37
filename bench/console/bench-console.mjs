// npm run bench:console — how fast the console's list and search answer over 100,000 jobs.
// Creates a fresh database with the registry's own migrations (so the console search indexes are
// the ones production has), fills `jobs` in one SQL statement per batch (generate_series: a row
// per job, no events, since the console reads only the projection), then times `searchJobs`, the
// function behind the registry's `console-jobs` query, called directly: no NATS, no gateway, so
// the figure is the database's. A benchmark, not a test: it prints, it asserts nothing.
import { availableParallelism, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import pg from 'pg';

const HELP = `Usage: npm run bench:console -- [--jobs N] [--runs N] [--projects N] [--database-url URL] [--keep]

Creates a fresh PostgreSQL database, migrates it as the registry does, inserts N jobs, and times
the console's list and searches (the registry's console-jobs query functions, called directly):
median and p95 over --runs runs each, after two warm-up runs.

Options:
  --jobs N              jobs to insert (default 100000)
  --projects N          projects they are spread over (default 10)
  --runs N              timed runs per query (default 50)
  --database-url URL    the database to create (default: $DATABASE_URL's server,
                        database jetjobs_bench_console); it is dropped and recreated
  --keep                leave the database afterwards (default: drop it)
  -h, --help            show this help`;

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '100000' },
    projects: { type: 'string', default: '10' },
    runs: { type: 'string', default: '50' },
    'database-url': { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const jobs = positive('jobs');
const projects = positive('projects');
const runs = positive('runs');
const url = new URL(values['database-url'] ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
if (!values['database-url']) url.pathname = '/jetjobs_bench_console';
const database = decodeURIComponent(url.pathname.slice(1));

// The persistence layer as compiled by `tsc -b` (the npm script builds it first).
const require = createRequire(import.meta.url);
const { openDatabase, closeDatabase, searchJobs } = require('@jetjobs/persistence');

// One job per i: created one minute apart going back from now, spread over projects, kinds and
// statuses; the input has a prompt ten jobs share and a `quality` most jobs share;
// the state is a whole JobView, as the projection writes it.
const INSERT_SQL = `
INSERT INTO jobs (id, project_id, kind, status, version, attempt, progress, created_at, updated_at, finished_at, last_seq, state)
SELECT id, project_id, kind, status, 3, 1, progress, created_at, created_at, finished_at, i,
  jsonb_build_object(
    'id', id, 'kind', kind, 'projectId', project_id, 'status', status, 'version', 3, 'attempt', 1,
    'attemptFailed', false, 'input', input, 'webhookUrl', null, 'progress', progress, 'detail', null,
    'framesCompleted', null, 'frameCount', null, 'logs', '[]'::jsonb, 'outputs', '[]'::jsonb,
    'result', CASE WHEN status = 'completed' THEN jsonb_build_object('echo', input) END,
    'error', CASE WHEN status = 'failed' THEN jsonb_build_object('code', 'worker_lost', 'message', 'worker lost') END,
    'cancelRequested', status = 'cancelled', 'cancelReason', null, 'retryDueAt', null,
    'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updatedAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'startedAt', null,
    'finishedAt', to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
FROM (
  SELECT i, gen_random_uuid() AS id, 'project-' || (i % $3) AS project_id,
    ($4::text[])[1 + (i / $3) % cardinality($4::text[])] AS kind,
    ($5::text[])[1 + (i / 7) % cardinality($5::text[])] AS status,
    CASE WHEN (i / 7) % 7 < 4 THEN 1.0 ELSE 0.5 END AS progress,
    now() - make_interval(mins => $6 - i) AS created_at,
    CASE WHEN (i / 7) % 7 IN (0, 1, 2, 3, 6) THEN now() - make_interval(mins => $6 - i) + interval '5 seconds' END AS finished_at,
    jsonb_build_object('prompt', 'prompt ' || (i % GREATEST(1, $6 / 10)), 'quality', CASE WHEN i % 10 = 0 THEN 'low' ELSE 'high' END, 'n', i) AS input
  FROM generate_series($1::int, $2::int) AS i
) AS g`;

const KINDS = ['echo', 'clip', 'moderate', 'transcode', 'avf'];
const STATUSES = ['completed', 'completed', 'completed', 'failed', 'processing', 'queued', 'cancelled'];

await maintenance(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
const ds = await openDatabase(url.href); // creates the database and runs every registry migration
try {
  const inserted = await insertJobs(ds);
  const probe = (await ds.query('SELECT id::text AS id, state -> \'input\' ->> \'prompt\' AS prompt FROM jobs OFFSET $1 LIMIT 1', [Math.floor(jobs / 2)]))[0];
  const project = 'project-3';
  const base = { projectId: project, kind: null, statuses: null, errorCode: null, createdFrom: null, createdTo: null, idPrefix: null, inputMatch: null, resultMatch: null, limit: 50, cursor: null };
  const cases = [
    ['newest page, one project', { ...base }],
    ['newest page, every project (operator)', { ...base, projectId: null }],
    ['kind + status, one project', { ...base, kind: 'clip', statuses: ['failed'] }],
    ['id prefix (6 hex digits), every project', { ...base, projectId: null, idPrefix: probe.id.slice(0, 6) }],
    ['id prefix (2 hex digits), one project', { ...base, idPrefix: probe.id.slice(0, 2) }],
    ['input JSON match, rare value, every project', { ...base, projectId: null, inputMatch: { prompt: probe.prompt } }],
    ['input JSON match, common value, one project', { ...base, inputMatch: { quality: 'high' } }],
    ['second page (cursor), one project', { ...base, cursor: (await searchJobs(ds, base)).nextCursor }],
  ];
  const rows = [];
  for (const [name, payload] of cases) rows.push({ name, ...(await time(() => searchJobs(ds, payload))) });
  const [one, five, fifteen] = loadavg();
  console.log(`\n${inserted.count.toLocaleString('en')} jobs over ${projects} projects, page of 50, ${runs} runs each (insert took ${inserted.seconds} s)`);
  console.log(`load average ${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)} on ${availableParallelism()} CPUs\n`);
  console.log('| query | rows | median ms | p95 ms |\n|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.count} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} |`);
} finally {
  await closeDatabase(ds);
  if (!values.keep) await maintenance(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}

/** Batches of 10,000 rows, so no single statement holds a huge transaction; ANALYZE after, as autovacuum would. */
async function insertJobs(ds) {
  const started = performance.now();
  const batch = 10_000;
  for (let from = 1; from <= jobs; from += batch) {
    const to = Math.min(jobs, from + batch - 1);
    await ds.query(INSERT_SQL, [from, to, projects, KINDS, STATUSES, jobs]);
  }
  await ds.query('ANALYZE jobs');
  const count = Number((await ds.query('SELECT count(*) AS n FROM jobs'))[0].n);
  return { count, seconds: ((performance.now() - started) / 1000).toFixed(1) };
}

async function time(run) {
  let count = 0;
  for (let i = 0; i < 2; i++) count = (await run()).items.length;
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
  return { count, median: at(0.5), p95: at(0.95) };
}

async function maintenance(sql) {
  const admin = new URL(url.href);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function positive(name) {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`bench:console: --${name} must be a positive integer (see --help)\n`);
    process.exit(2);
  }
  return n;
}
