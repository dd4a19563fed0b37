// Health probe for the services that serve no HTTP yet (job-registry and the workers), run inside
// their container by Docker and Kubernetes:
//   node deploy/healthcheck/probe.mjs live          the service process (PID 1) runs and is not stopped
//   node deploy/healthcheck/probe.mjs ready 4222…   and holds an open TCP connection to each port
// Readiness reads the container's own connection table, so it describes this replica, not the
// cluster: a registry is ready with a NATS connection (4222) and a PostgreSQL one (5432). Liveness
// never looks at NATS, so a broker outage makes replicas not ready instead of restarting them.
import { readFileSync } from 'node:fs';
import { isAlive, missingPorts, processState } from './proc-net.mjs';

function readOrEmpty(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function problem([mode, ...ports]) {
  if (!(mode === 'live' || (mode === 'ready' && ports.length > 0))) return 'usage: probe.mjs live | ready <port>…';
  const state = processState(readOrEmpty('/proc/1/stat'));
  if (!isAlive(state)) return `PID 1 is not running (state "${state}")`;
  if (mode === 'live') return null;
  const missing = missingPorts([readOrEmpty('/proc/net/tcp'), readOrEmpty('/proc/net/tcp6')], ports.map(Number));
  return missing.length === 0 ? null : `no open connection to port ${missing.join(', ')}`;
}

const found = problem(process.argv.slice(2));
if (found) process.stderr.write(`${found}\n`);
process.exit(found ? 1 : 0);
