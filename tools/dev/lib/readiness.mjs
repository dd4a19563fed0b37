import { randomUUID } from 'node:crypto';
import { waitUntil } from './net.mjs';

/**
 * Waits until a started service says it is ready, or fails naming it: on timeout, or at once if
 * its process exits first.
 */
export async function waitForReady(service, running, { ctx, natsUrl, namespace, timeoutMs }) {
  const { ready } = service;
  if (!ready) return;
  const check = ready.http
    ? () => httpOk(`http://127.0.0.1:${ready.http.port(ctx)}${ready.http.path}`)
    : () => natsAnswers(natsUrl, ready.natsHealth(namespace));
  const what = ready.http ? `GET ${ready.http.path} on port ${ready.http.port(ctx)}` : `${ready.natsHealth(namespace)} over NATS`;
  await waitUntil(check, {
    timeoutMs,
    intervalMs: 300,
    describe: () => `${service.name} is not up: no answer to ${what} after ${timeoutMs / 1000} s`,
    abort: () => running.deathReason() && `${service.name} ${running.deathReason()} before it was ready`,
  });
}

async function httpOk(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.body?.cancel();
  return response.status === 200;
}

/** Any reply counts: it proves a replica subscribes to its request/reply subjects. */
async function natsAnswers(natsUrl, subject) {
  const { connect } = await import('@nats-io/transport-node');
  const nc = await connect({ servers: natsUrl.split(','), timeout: 2000, reconnect: false });
  try {
    // The packet shape @nestjs/microservices expects for a request.
    const packet = JSON.stringify({ pattern: subject, data: {}, id: randomUUID() });
    await nc.request(subject, packet, { timeout: 2000 });
    return true;
  } finally {
    await nc.close();
  }
}
