import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { StorageLimits } from '@jetjobs/event-store';

export interface EventStoreModuleOptions {
  readonly natsUrl: string;
  readonly namespace: string;
  /** Shown in the server's connection list, e.g. the service name. */
  readonly connectionName: string;
  /** Create or update streams and buckets at start-up (each service does; it is idempotent). */
  readonly setupStreams?: boolean;
  readonly eventMaxAgeMs?: number;
  /** Bounds applied to the streams and the media bucket at set-up; none leaves them as they are. */
  readonly storageLimits?: StorageLimits;
  /** Copies of every stream and bucket (JETJOBS_STREAM_REPLICAS). */
  readonly replicas?: number;
  /** false: only check that the streams exist (JETJOBS_MANAGE_STREAMS). */
  readonly manageStreams?: boolean;
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
