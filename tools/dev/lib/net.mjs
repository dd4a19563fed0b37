import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** True when something accepts TCP connections on host:port. */
export function canConnect(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function listenOn(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

/** A port nothing listens on right now (the kernel picks it). */
export async function freePort() {
  return listenOn(0);
}

/** The conventional port when it is free, so that URLs stay familiar; any free port otherwise. */
export async function preferredPort(port) {
  return (await listenOn(port)) ?? (await freePort());
}

/**
 * Polls `check` until it returns a truthy value, then returns it. Throws `describe()` once
 * `timeoutMs` has passed, or at once when `abort()` returns a reason (a child that died).
 */
export async function waitUntil(check, { timeoutMs, intervalMs = 200, describe, abort = () => undefined }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const aborted = abort();
    if (aborted) throw new Error(aborted);
    const result = await check().catch(() => undefined);
    if (result) return result;
    if (Date.now() > deadline) throw new Error(describe());
    await sleep(intervalMs);
  }
}
