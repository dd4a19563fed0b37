// `npm test`: bootstrap, then lint, build, type-check the specs and run Jest against real NATS
// and PostgreSQL in a namespace of its own, clean that namespace up, and end with the line CI
// reads: "N passed, N failed[, N skipped]". Extra arguments go to Jest (e.g. a path filter).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap } from './bootstrap.mjs';
import { log, warn } from './lib/log.mjs';
import { onShutdownSignal } from './lib/processes.mjs';
import { cleanUpNamespace } from './lib/namespace-cleanup.mjs';
import { dataDir, ROOT } from './lib/paths.mjs';
import { summarise, summaryLine } from './lib/test-summary.mjs';

const HELP = `Usage: npm test [-- <jest arguments>]

Runs lint, build (tsc -b), a type-check of every spec, then Jest, against real servers:
NATS_URL / DATABASE_URL when set, else servers on 127.0.0.1:4222 / :5432, else embedded ones.

Environment:
  NATS_URL                NATS server with JetStream
  DATABASE_URL            PostgreSQL maintenance database (tests create their own databases)
  JETJOBS_NAMESPACE       prefix for the run's streams, buckets and databases (default ci_<random>);
                          they are removed afterwards
  JETJOBS_FORCE_EMBEDDED  1 | nats | postgres: start embedded servers even if local ones run
  JETJOBS_DATA_DIR        local state (default .data); Jest's JSON report goes there`;

const jestArgs = process.argv.slice(2);
if (jestArgs[0] === '--help') {
  console.log(HELP);
  process.exit(0);
}

const resultsFile = join(dataDir(), 'jest-results.json');
const steps = [];
let servers;
let current;
onShutdownSignal(async (signal) => {
  current?.kill(signal);
  await servers?.stop();
  process.exit(signal === 'SIGINT' ? 130 : 143);
});
try {
  servers = await bootstrap();
  const generated = !process.env.JETJOBS_NAMESPACE;
  const namespace = process.env.JETJOBS_NAMESPACE || `ci_${randomBytes(4).toString('hex')}`;
  const env = { ...process.env, NATS_URL: servers.natsUrl, DATABASE_URL: servers.postgresUrl, JETJOBS_NAMESPACE: namespace };
  log(`namespace ${namespace}${generated ? ' (generated)' : ''}`);
  await runSteps(env);
  await cleanUp(namespace, servers);
} catch (error) {
  // bootstrap's errors are one sentence; a stack trace would bury it.
  process.stderr.write(`[dev] ${error.message ?? error}\n`);
  steps.push({ name: 'bootstrap', ok: false });
} finally {
  await servers?.stop();
}
const counts = summarise(steps, resultsFile);
const failedSteps = steps.filter((step) => !step.ok).map((step) => step.name);
if (failedSteps.length > 0) log(`failed steps: ${failedSteps.join(', ')}`);
console.log(summaryLine(counts));
// Explicit exit: nothing left behind (a pending timer, a socket) may keep the run alive.
process.exit(counts.failed > 0 || failedSteps.length > 0 ? 1 : 0);

async function runSteps(env) {
  await step('lint', 'npm', ['run', 'lint'], env);
  await step('build', 'npx', ['tsc', '-b', 'tsconfig.build.json'], env);
  await step('build:console', 'npm', ['run', 'build:console'], env);
  await step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.spec.json'], env);
  mkdirSync(dataDir(), { recursive: true });
  rmSync(resultsFile, { force: true });
  const jestOk = await run('npx', ['jest', '--maxWorkers=2', '--json', `--outputFile=${resultsFile}`, ...jestArgs], env);
  // A Jest that fails without a failed test (bad config, no tests matched) is still a failure.
  if (!jestOk && summarise([], resultsFile).failed === 0) steps.push({ name: 'jest', ok: false });
}

async function step(name, command, args, env) {
  log(`${name}: ${command} ${args.join(' ')}`);
  steps.push({ name, ok: await run(command, args, env) });
}

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    current = child;
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/** The default namespace belongs to `npm start`: never wipe it, even if a caller exports it. */
async function cleanUp(namespace, { natsUrl, postgresUrl }) {
  if (namespace === 'jetjobs') {
    warn('JETJOBS_NAMESPACE=jetjobs is the development namespace: leaving its streams and databases');
    return;
  }
  try {
    const removed = await cleanUpNamespace({ namespace, natsUrl, postgresUrl });
    log(`cleaned up ${removed.streams.length} streams and ${removed.databases.length} databases of ${namespace}`);
  } catch (error) {
    warn(`cleaning up namespace ${namespace} failed: ${error.message}`);
  }
}
