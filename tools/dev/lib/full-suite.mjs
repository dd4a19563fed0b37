import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './paths.mjs';

/**
 * Runs a long suite's full form: prints `help` for --help, else builds (its services run from
 * dist/) and runs Jest on `jestArgs` plus the command's own arguments, with `env` added. Exits with
 * the outcome.
 */
export function runFullSuite({ help, jestArgs, env }) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(help);
    process.exit(0);
  }
  const run = (command, args, runEnv = process.env) => spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: runEnv }).status ?? 1;
  const built = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json']);
  if (built !== 0) process.exit(built);
  const jest = join(ROOT, 'node_modules/jest/bin/jest.js');
  process.exit(run(process.execPath, [jest, ...jestArgs, ...process.argv.slice(2)], { ...process.env, ...env }));
}
