import { connect, type NatsConnection } from '@nats-io/transport-node';

/**
 * Connects with reconnects forever (a restarting server must not take services down), and turns
 * the first failure into an error that names the server. Async traces are off: with them the
 * client builds an Error (a captured stack) for every request it sends, a measurable share of a
 * busy service's CPU, for a stack that only a timeout would ever show.
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  try {
    return await connect({ servers: url.split(','), name, maxReconnectAttempts: -1, reconnectTimeWait: 500, noAsyncTraces: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot connect to NATS at ${url}: ${reason}. Is nats-server running with JetStream (-js)?`);
  }
}
