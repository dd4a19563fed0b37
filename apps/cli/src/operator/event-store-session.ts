import { connect } from '@nats-io/transport-node';
import { JetStreamApiCodes } from '@nats-io/jetstream';
import { names } from '@jetjobs/contracts';
import { EventStore, isApiError, natsSecurity } from '@jetjobs/event-store';
import type { OperatorSettings } from './settings';

/**
 * Runs `work` with the namespace's event store and closes the connection after it, whatever
 * happens. It never creates streams (unlike the services): a mistyped namespace must be an error,
 * not a fresh empty platform.
 */
export async function withEventStore<T>(settings: OperatorSettings, work: (store: EventStore) => Promise<T>): Promise<T> {
  let nc;
  try {
    nc = await connect({ servers: settings.natsUrl.split(','), name: 'jetjobs-cli', timeout: 5_000, ...natsSecurity() });
  } catch (error) {
    throw new Error(`Cannot connect to NATS at ${settings.natsUrl}: ${error instanceof Error ? error.message : String(error)} (set NATS_URL)`);
  }
  try {
    const store = await EventStore.open(nc, names(settings.namespace));
    await requireStream(store, settings);
    return await work(store);
  } finally {
    await nc.close().catch(() => undefined);
  }
}

async function requireStream(store: EventStore, settings: OperatorSettings): Promise<void> {
  try {
    await store.jsm.streams.info(store.names.jobsStream);
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
    throw new Error(
      `No stream ${store.names.jobsStream} on ${settings.natsUrl}: is JETJOBS_NAMESPACE (${settings.namespace}) the platform's namespace?`,
    );
  }
}
