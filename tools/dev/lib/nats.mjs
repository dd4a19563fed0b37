import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { saveFailureOutput, seeOutput, SetupError, tail } from './log.mjs';
import { canConnect, freePort, preferredPort, waitUntil } from './net.mjs';
import { notStartedHere, spawnTracked } from './processes.mjs';

const DEFAULT_PORT = 4222;
// nats-server's HTTP monitoring port (/varz, /jsz): prometheus-nats-exporter and KEDA's
// nats-jetstream scaler read it, so the embedded server serves it too.
const DEFAULT_MONITOR_PORT = 8222;
// Debian installs nats-server to /usr/sbin, which is not on an ordinary user's PATH.
const EXTRA_BIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin'];

/**
 * Finds a NATS server with JetStream: NATS_URL, else one on 127.0.0.1:4222, else a nats-server
 * started here with its store under the data directory. `forceEmbedded` skips the local probe.
 */
export async function resolveNats({ env, dataDir, forceEmbedded, log, warn }) {
  if (env.NATS_URL) return { url: env.NATS_URL, stop: notStartedHere };
  const local = `nats://127.0.0.1:${DEFAULT_PORT}`;
  if (!forceEmbedded && (await canConnect(DEFAULT_PORT))) {
    if (await hasJetStream(local)) {
      log(`NATS: using the server at ${local}`);
      return { url: local, stop: notStartedHere };
    }
    warn(`the NATS server at ${local} has no JetStream; starting another one`);
  }
  const monitorPort = forceEmbedded ? await freePort() : await preferredPort(DEFAULT_MONITOR_PORT);
  return startNatsServer({ dataDir, port: forceEmbedded ? await freePort() : await preferredPort(DEFAULT_PORT), monitorPort, log });
}

/** Asks the JetStream API for account info: only a server started with -js answers. */
export async function hasJetStream(url) {
  const { connect } = await import('@nats-io/transport-node');
  const nc = await connect({ servers: url, timeout: 2000, reconnect: false }).catch(() => undefined);
  if (!nc) return false;
  try {
    const reply = await nc.request('$JS.API.INFO', '', { timeout: 2000 });
    return !reply.json().error;
  } catch {
    return false;
  } finally {
    await nc.close();
  }
}

async function startNatsServer({ dataDir, port, monitorPort, log }) {
  const binary = findNatsServer();
  const storeDir = join(dataDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const url = `nats://127.0.0.1:${port}`;
  log(`NATS: starting ${binary} on ${url} (JetStream store ${storeDir}; monitoring on http://127.0.0.1:${monitorPort})`);
  const output = tail();
  const server = spawnTracked(binary, ['-a', '127.0.0.1', '-p', String(port), '-m', String(monitorPort), '-js', '-sd', storeDir], {
    onLine: output.push,
  });
  const failure = (what) => {
    const file = saveFailureOutput(dataDir, 'nats-server', output.text());
    return new SetupError(`${binary} ${what}${seeOutput(file)}: fix the cause or install nats-server 2.9+, or set NATS_URL to a server with JetStream`);
  };
  try {
    await waitUntil(() => hasJetStream(url), { timeoutMs: 20_000, describe: () => 'timeout', abort: () => server.deathReason() });
  } catch {
    const reason = server.deathReason() ?? `did not accept connections on ${url} within 20 s`;
    await server.stop(2000);
    throw failure(reason);
  }
  return { url, monitorUrl: `http://127.0.0.1:${monitorPort}`, stop: () => server.stop(5000) };
}

function findNatsServer() {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...EXTRA_BIN_DIRS];
  const found = dirs.map((dir) => join(dir, 'nats-server')).find((path) => existsSync(path));
  if (found) return found;
  const hint = spawnSync('dpkg', ['--version']).error ? 'install nats-server 2.9+' : 'apt-get install nats-server';
  throw new SetupError(`nats-server is not installed: ${hint}, or set NATS_URL to a server with JetStream`);
}
