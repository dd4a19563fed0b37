import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { eventually, NatsServerProcess, testNatsUrl } from '@jetjobs/testing';
import { isTransientBrokerError, untilBrokerAnswers } from './broker-retry';
import { connectNats } from './nats-connection';

/** The error a real call fails with. */
async function failureOf(call: () => Promise<unknown>): Promise<unknown> {
  return call().then(
    () => Promise.reject(new Error('the call succeeded')),
    (error: unknown) => error,
  );
}

describe('broker errors that waiting fixes', () => {
  it('tells a request that timed out or found no responder from a refusal that stays', async () => {
    const nc = await connect({ servers: testNatsUrl() });
    const silent = nc.subscribe('broker-retry.silent.*');
    try {
      expect(isTransientBrokerError(await failureOf(() => nc.request(`broker-retry.silent.${Date.now()}`, '', { timeout: 200 })))).toBe(true);
      expect(isTransientBrokerError(await failureOf(() => nc.request(`broker-retry.nobody.${Date.now()}`, '', { timeout: 2_000 })))).toBe(true);
      expect(isTransientBrokerError(await failureOf(() => connect({ servers: 'nats://127.0.0.1:1' })))).toBe(true);
    } finally {
      silent.unsubscribe();
      await nc.close();
    }
    const withoutJetStream = await NatsServerProcess.start('listen: 127.0.0.1:{{port}}\nauthorization { user: u, password: p }');
    try {
      expect(isTransientBrokerError(await failureOf(() => connect({ servers: withoutJetStream.url(), user: 'u', pass: 'wrong' })))).toBe(false);
      const plain = await connect({ servers: withoutJetStream.url(), user: 'u', pass: 'p' });
      // A server without JetStream is a configuration to fix, not an outage to wait out.
      expect(isTransientBrokerError(await failureOf(() => jetstreamManager(plain)))).toBe(false);
      await plain.close();
    } finally {
      await withoutJetStream.stop();
    }
  });

  it('connects to a server that starts listening later instead of failing', async () => {
    const server = await NatsServerProcess.start('listen: 127.0.0.1:{{port}}');
    await server.kill();
    const retries: string[] = [];
    const connecting = untilBrokerAnswers('Connecting', () => connect({ servers: server.url() }), (what) => retries.push(what));
    try {
      await eventually(async () => (retries.length > 0 ? true : undefined), 10_000);
      await server.relaunch();
      const nc = await connecting;
      await nc.flush();
      await nc.close();
      expect(retries[0]).toBe('Connecting');
    } finally {
      await server.stop();
    }
  });

  it('does not wait out a refusal: wrong credentials fail at once, with the reason', async () => {
    const server = await NatsServerProcess.start('listen: 127.0.0.1:{{port}}\nauthorization { user: u, password: p }');
    try {
      await expect(connectNats(server.url(), 'broker-retry-test', {})).rejects.toThrow(/Cannot connect to NATS at .*[Aa]uthorization/);
    } finally {
      await server.stop();
    }
  });
});
