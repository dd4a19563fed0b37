import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { processesMentioning } from '@jetjobs/testing';
import { privateCheckout, runNode } from './private-checkout';

// The bootstrap as `npm start` and `npm test` run it, from a module of the private checkout: it
// prints the servers it found or started, then stops them when its stdin ends.
const BOOTSTRAP_AND_WAIT = `
import { bootstrap } from './tools/dev/bootstrap.mjs';
import { clusterDir } from './tools/dev/lib/postgres.mjs';
const servers = await bootstrap({ log: () => undefined, warn: () => undefined });
console.log(JSON.stringify({ ...servers, clusterDir: clusterDir(process.env.JETJOBS_DATA_DIR) }));
process.stdin.resume();
process.stdin.on('end', async () => {
  await servers.stop();
  process.exit(0);
});
`;

/** The environment of a machine without servers on the default ports, as far as the scripts go. */
function freshMachineEnv(root: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, JETJOBS_FORCE_EMBEDDED: '1', JETJOBS_DATA_DIR: join(root, '.data'), ...extra };
  delete env['NATS_URL'];
  delete env['DATABASE_URL'];
  return env;
}

describe('npm start and npm test from a checkout in a mode-700 folder', () => {
  let root: string;

  beforeEach(() => {
    root = privateCheckout();
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('start an embedded PostgreSQL and nats-server that serve, and stop them', async () => {
    const script = runNode(['--input-type=module', '-e', BOOTSTRAP_AND_WAIT], { cwd: root, env: freshMachineEnv(root) });
    const line = await script.firstLine;
    const started = JSON.parse(line || '{}') as { natsUrl?: string; postgresUrl?: string; clusterDir?: string };
    try {
      expect(started.postgresUrl).toBeDefined();
      const client = new pg.Client({ connectionString: started.postgresUrl });
      await client.connect();
      const { rows } = await client.query<{ ok: number }>('SELECT 1 AS ok');
      await client.end();
      expect(rows).toEqual([{ ok: 1 }]);
      const nc = await connect({ servers: started.natsUrl, reconnect: false });
      await nc.close();
    } finally {
      script.end();
      const run = await script.done;
      if (started.clusterDir) rmSync(started.clusterDir, { recursive: true, force: true });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    expect(processesMentioning(root)).toEqual([]);
  }, 90_000);

  // A PATH whose first nats-server cannot be executed: spawn fails with EACCES.
  it.each(['start.mjs', 'test.mjs'])('%s says in one sentence what failed and what to do, with no stack trace', async (name) => {
    const fakeBin = join(root, 'fake-bin');
    mkdirSync(fakeBin);
    writeFileSync(join(fakeBin, 'nats-server'), 'not a program\n');
    chmodSync(join(fakeBin, 'nats-server'), 0o644);
    const env = freshMachineEnv(root, { PATH: `${fakeBin}:${process.env['PATH'] ?? ''}` });
    const run = await runNode([join(root, 'tools/dev', name)], { cwd: root, env }).done;
    expect(run.code).toBe(1);
    const errors = run.stderr.split('\n').filter(Boolean);
    expect(errors).toEqual([expect.stringMatching(/^\[dev\] .*nats-server could not be run \(EACCES\).*: .*set NATS_URL/)]);
    expect(run.stderr + run.stdout).not.toMatch(/^\s+at |Unhandled 'error' event|Error:/m);
  }, 60_000);
});
