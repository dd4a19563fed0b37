import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { names as namesFor, type Names } from '@jetjobs/contracts';
import { EventStore, connectNats } from '@jetjobs/event-store';
import { ConfigurableEventStoreModule, EVENT_STORE_OPTIONS, type EventStoreModuleOptions } from './event-store-module-options';
import { NAMES, NATS_CONNECTION } from './event-store-tokens';

/**
 * Connects to NATS once per process, exposes the connection, the namespace's names and the
 * EventStore, and drains the connection on shutdown so in-flight acks and publishes complete.
 */
@Module({
  providers: [
    {
      provide: NAMES,
      inject: [EVENT_STORE_OPTIONS],
      useFactory: (options: EventStoreModuleOptions): Names => namesFor(options.namespace),
    },
    {
      provide: NATS_CONNECTION,
      inject: [EVENT_STORE_OPTIONS],
      useFactory: (options: EventStoreModuleOptions): Promise<NatsConnection> => connectNats(options.natsUrl, options.connectionName),
    },
    {
      provide: EventStore,
      inject: [NATS_CONNECTION, NAMES, EVENT_STORE_OPTIONS],
      useFactory: async (nc: NatsConnection, names: Names, options: EventStoreModuleOptions): Promise<EventStore> => {
        const store = await EventStore.open(nc, names);
        if (options.setupStreams ?? true) await store.setup({ eventMaxAgeMs: options.eventMaxAgeMs ?? 0, replicas: options.replicas ?? 1, limits: options.storageLimits, manage: options.manageStreams ?? true });
        return store;
      },
    },
  ],
  exports: [NAMES, NATS_CONNECTION, EventStore],
})
export class EventStoreModule extends ConfigurableEventStoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger(EventStoreModule.name);

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {
    super();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.nc.isClosed()) return;
    await this.nc.drain().catch((error: unknown) => this.logger.warn(`NATS drain failed: ${String(error)}`));
  }
}
