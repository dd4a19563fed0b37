import { connect, type NatsConnection } from '@nats-io/transport-node';
import { isNotListening, untilBrokerAnswers } from './broker-retry';
import { natsSecurity, type NatsSecurity } from './nats-security';

/**
 * Connects with reconnects forever (a restarting server must not take services down), and turns
 * the first failure into an error that names the server. Async traces are off: with them the
 * client builds an Error (a captured stack) for every request it sends, a measurable share of a
 * busy service's CPU, for a stack that only a timeout would ever show. Credentials and TLS come
 * from the environment ({@link natsSecurity}).
 */
export async function connectNats(url: string, name: string, security: NatsSecurity = natsSecurity()): Promise<NatsConnection> {
  try {
    // A server that is not listening yet (starting, restarting) is waited for, not a reason to exit.
    return await untilBrokerAnswers(`Connecting to NATS at ${url}`, () => connect({ servers: url.split(','), name, maxReconnectAttempts: -1, reconnectTimeWait: 500, noAsyncTraces: true, ...security }), undefined, isNotListening);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // A server that answered and refused us is running: the hint would mislead there.
    const refusedUs = /authoriz|authenticat|permission|tls|certificate/i.test(reason);
    const hint = refusedUs ? 'Check NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED_FILE, NATS_CREDS and NATS_TLS_*' : 'Is nats-server running with JetStream (-js)?';
    throw new Error(`Cannot connect to NATS at ${url}: ${reason}. ${hint}`);
  }
}
