import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface EventStoreModuleOptions {
  readonly natsUrl: string;
  readonly namespace: string;
  /** Shown in the server's connection list, e.g. the service name. */
  readonly connectionName: string;
  /** Create or update streams and buckets at start-up (each service does; it is idempotent). */
  readonly setupStreams?: boolean;
  readonly eventMaxAgeMs?: number;
}

export const {
  ConfigurableModuleClass: ConfigurableEventStoreModule,
  MODULE_OPTIONS_TOKEN: EVENT_STORE_OPTIONS,
  OPTIONS_TYPE: EVENT_STORE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: EVENT_STORE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<EventStoreModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
