import { eventually } from '@jetjobs/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the dev scripts are not an Nx project; this is their test
import { spawnTracked, type TrackedChild } from '../../../../tools/dev/lib/processes.mjs';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { restartDelayMs, superviseRestarts } from '../../../../tools/dev/lib/restarts.mjs';

// A service that exits with code 1 a moment after it starts, until its third start, which stays up.
const SERVICE = ['-e', 'if (process.env.STAYS_UP) setInterval(() => undefined, 1_000); else setTimeout(() => process.exit(1), 100)'];

describe('npm start keeps services running', () => {
  it('waits 1 s, then twice as long each time, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(restartDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('restarts a service that dies, saying why and when, and leaves it stopped once the platform stops', async () => {
    const said: string[] = [];
    let stopping = false;
    let spawned = 0;
    const spawn = (): TrackedChild => {
      spawned += 1;
      const env = spawned >= 3 ? { ...process.env, STAYS_UP: '1' } : process.env;
      return spawnTracked(process.execPath, SERVICE, { cwd: process.cwd(), env, onLine: () => undefined });
    };
    const entry = { service: { name: 'moderation' }, child: spawn() };
    superviseRestarts(entry, { spawn, stopping: () => stopping, say: (text: string) => said.push(text) });
    // Two restarts: 1 s, then 2 s after the second exit.
    await eventually(async () => (said.filter((line) => line === 'moderation: restarted').length >= 2 ? true : undefined), 20_000, 50);
    expect(said.slice(0, 4)).toEqual([
      'moderation exited with code 1; restarting it in 1 s (restart 1)',
      'moderation: restarted',
      'moderation exited with code 1; restarting it in 2 s (restart 2)',
      'moderation: restarted',
    ]);
    expect(entry.child.isRunning()).toBe(true);
    // Ctrl-C: the platform stops the service's current process, and that exit is not restarted.
    stopping = true;
    await entry.child.stop();
    // The supervisor's handler of this exit was attached first, so it has run by now.
    await Promise.resolve();
    expect(said).toHaveLength(4);
    expect(spawned).toBe(3);
  }, 40_000);
});
