import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

/** The stop() of a server found running: not ours to stop. */
export const notStartedHere = async () => undefined;

/**
 * Spawns a long-running child and tracks its exit. `onLine` receives each output line (stdout
 * and stderr) so callers can prefix, capture or drop it.
 */
export function spawnTracked(command, args, { env, cwd, uid, gid, onLine }) {
  // Its own process group: Ctrl-C in a terminal signals the whole foreground group at once,
  // which would stop NATS while services still drain into it. Detached, each child is stopped
  // by the script, services first and servers last.
  const child = spawn(command, args, { env, cwd, uid, gid, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const state = { exitCode: undefined, signal: undefined, error: undefined };
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      state.error = error;
      resolve(state);
    });
    child.once('exit', (code, signal) => {
      Object.assign(state, { exitCode: code, signal });
      resolve(state);
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => onLine(line));
  }
  // A dev script killed by an uncaught error must not leave servers running behind it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const isRunning = () => state.exitCode === undefined && state.signal === undefined && !state.error;
  return {
    child,
    exited,
    isRunning,
    /** Why the child is gone, or undefined while it runs. */
    deathReason: () =>
      isRunning()
        ? undefined
        : state.error
          ? `could not be run (${state.error.code ?? state.error.message})`
          : `exited with ${state.signal ? `signal ${state.signal}` : `code ${state.exitCode}`}`,
    /** `signal` (SIGTERM), then SIGKILL after `graceMs`: a hung child must not hang Ctrl-C. */
    async stop(graceMs = 10_000, signal = 'SIGTERM') {
      process.removeListener('exit', killOnExit);
      if (!isRunning()) return;
      child.kill(signal);
      // Unreferenced: the grace timer must not keep the script alive once the child is gone.
      const gone = await Promise.race([exited.then(() => true), sleep(graceMs, undefined, { ref: false }).then(() => false)]);
      if (!gone) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/**
 * Runs `handler` once on the first SIGINT/SIGTERM/SIGHUP; a second Ctrl-C while it works exits at
 * once, for the impatient.
 */
export function onShutdownSignal(handler) {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
      stopping = true;
      void handler(signal);
    });
  }
}
