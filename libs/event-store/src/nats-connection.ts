import { connect, type NatsConnection } from '@nats-io/transport-node';

/**
 * Connects with reconnects forever (a restarting server must not take services down), and turns
 * the first failure into an error that names the server.
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  try {
    return await connect({ servers: url.split(','), name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot connect to NATS at ${url}: ${reason}. Is nats-server running with JetStream (-js)?`);
  }
}
