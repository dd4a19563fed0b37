import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processesMentioning } from '@jetjobs/testing';
import { faultProfile } from '../fault-profile';
import type { FaultScenario } from './fault-scenario';
import { disposeLeftovers } from './leftovers';
import { NatsServer } from './nats-server';
import { runScenario } from './run-scenario';

const neverInjected: FaultScenario = {
  id: 'start-up-fails',
  name: 'a stack that cannot start',
  inject: () => Promise.reject(new Error('the stack started, so start-up did not fail')),
};

// Each scenario's servers keep their stores under TMPDIR: a folder of this test's own shows what
// a failed start-up left behind, whatever other runs on the machine do.
describe('a scenario whose start-up fails', () => {
  const saved = { PATH: process.env['PATH'], TMPDIR: process.env['TMPDIR'] };
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'jetjobs-cleanup-spec-'));
    process.env['TMPDIR'] = scratch;
  });

  afterEach(() => {
    Object.assign(process.env, saved);
    rmSync(scratch, { recursive: true, force: true });
  });

  async function expectNothingLeft(): Promise<void> {
    await expect(runScenario(neverInjected, faultProfile())).rejects.toThrow();
    expect(readdirSync(scratch).filter((name) => name.startsWith('jetjobs-faults-'))).toEqual([]);
    expect(processesMentioning(scratch)).toEqual([]);
  }

  it('stops the PostgreSQL that started when nats-server cannot start, and removes both stores', async () => {
    chmodSync(scratch, 0o755); // user postgres (when root) must reach its cluster
    process.env['PATH'] = '/usr/bin:/bin'; // Debian's nats-server lives in /usr/sbin
    await expectNothingLeft();
  }, 60_000);

  // Only as root does PostgreSQL run as another user, one a mode-700 TMPDIR locks out.
  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot('stops the nats-server that started when PostgreSQL cannot start, and removes both stores', async () => {
    chmodSync(scratch, 0o700);
    await expectNothingLeft();
  }, 60_000);

  it('leaves nothing of a scenario Jest abandoned once the suite disposes the leftovers', async () => {
    chmodSync(scratch, 0o755);
    await NatsServer.start(); // never disposed, as when a scenario times out mid-way
    expect(processesMentioning(scratch)).toHaveLength(1);
    await disposeLeftovers();
    expect(readdirSync(scratch)).toEqual([]);
    expect(processesMentioning(scratch)).toEqual([]);
  }, 60_000);
});
