import { setTimeout as sleep } from 'node:timers/promises';

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** A service that ran this long before dying is restarted after the first delay again. */
const STABLE_AFTER_MS = 60_000;

/** The wait before restart number `restart` (1, 2, ...) of a service that keeps dying. */
export function restartDelayMs(restart) {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (restart - 1));
}

/**
 * Keeps a service running as a supervisor with `restart: always` would: when its process dies,
 * it says so and starts a new one after a delay that doubles while it keeps dying (1 s up to
 * 30 s). The other services go on: one crashed service must not take the platform down.
 *   entry      { service, child }; entry.child is replaced by each restart (shutdown stops it)
 *   spawn()    starts the service again and returns its tracked child
 *   stopping() true once the platform is shutting down: then nothing is restarted
 *   say(text)  where the announcements go
 */
export function superviseRestarts(entry, { spawn, stopping, say }) {
  let restarts = 0;
  const watch = (child, startedAt) => {
    void child.exited.then(async () => {
      if (stopping()) return;
      restarts = Date.now() - startedAt >= STABLE_AFTER_MS ? 1 : restarts + 1;
      const delayMs = restartDelayMs(restarts);
      say(`${entry.service.name} ${child.deathReason()}; restarting it in ${delayMs / 1000} s (restart ${restarts})`);
      await sleep(delayMs, undefined, { ref: false });
      if (stopping()) return;
      entry.child = spawn();
      say(`${entry.service.name}: restarted`);
      watch(entry.child, Date.now());
    });
  };
  watch(entry.child, Date.now());
}
