import { Module, type DynamicModule } from '@nestjs/common';
import { names as namesFor } from '@jetjobs/contracts';
import { EventStoreModule } from '@jetjobs/event-store-nest';
import { apiKeysRpcController } from './api-keys/api-keys-rpc.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { JobCommandsService } from './commands/job-commands.service';
import { DatabaseCloser, dataSourceProvider } from './database/database.providers';
import { DeadLetterService } from './dispatch/dead-letter.service';
import { DispatcherService } from './dispatch/dispatcher.service';
import { UploadReaperService } from './media/upload-reaper.service';
import { ProjectorService } from './projection/projector.service';
import { RegistryHttpService } from './http/registry-http.service';
import { REGISTRY_CONSUMERS, RegistryReadiness, registryConsumers } from './http/registry-readiness';
import { RegistryMetrics } from './metrics/registry-metrics';
import { JobQueriesService } from './queries/job-queries.service';
import { operationsRpcController } from './operations/operations-rpc.controller';
import { OperationsService } from './operations/operations.service';
import { consoleRpcController } from './operations/console-rpc.controller';
import { ConsoleQueriesService } from './operations/console-queries.service';
import { storageLimitsOf } from './storage-limits-env';
import { REGISTRY_CONFIG, type RegistryConfig } from './registry-config';
import { registryRpcController } from './rpc/registry-rpc.controller';
import { WEBHOOK_PROVIDERS, WebhookDeliveryService, webhookRpcController } from './webhooks/webhook.providers';

export interface RegistryModuleOptions {
  readonly config: RegistryConfig;
  /** Run the dispatcher, dead-letter handler, projector and webhook delivery (tests may run only some). */
  readonly background?: { readonly dispatcher?: boolean; readonly projector?: boolean; readonly webhooks?: boolean };
}

@Module({})
export class RegistryModule {
  static register({ config, background = {} }: RegistryModuleOptions): DynamicModule {
    const loops = [
      ...(background.dispatcher ?? true ? [DispatcherService, DeadLetterService, UploadReaperService] : []),
      ...(background.projector ?? true ? [ProjectorService] : []),
      ...(background.webhooks ?? true ? [WebhookDeliveryService] : []),
    ];
    return {
      module: RegistryModule,
      imports: [
        EventStoreModule.forRoot({
          isGlobal: true,
          natsUrl: config.NATS_URL,
          namespace: config.JETJOBS_NAMESPACE,
          connectionName: 'job-registry',
          eventMaxAgeMs: config.JETJOBS_EVENT_MAX_AGE_MS,
          // The registry alone applies the storage bounds; other services leave them as they are.
          storageLimits: storageLimitsOf(config),
          replicas: config.JETJOBS_STREAM_REPLICAS,
        }),
      ],
      controllers: [registryRpcController(namesFor(config.JETJOBS_NAMESPACE)), webhookRpcController(namesFor(config.JETJOBS_NAMESPACE)),
        apiKeysRpcController(namesFor(config.JETJOBS_NAMESPACE)),
        operationsRpcController(namesFor(config.JETJOBS_NAMESPACE)),
        consoleRpcController(namesFor(config.JETJOBS_NAMESPACE))],
      providers: [
        { provide: REGISTRY_CONFIG, useValue: config },
        dataSourceProvider,
        DatabaseCloser,
        JobCommandsService,
        JobQueriesService,
        ApiKeysService,
        OperationsService,
        ConsoleQueriesService,
        ...WEBHOOK_PROVIDERS,
        ...loops,
        RegistryMetrics,
        RegistryReadiness,
        RegistryHttpService,
        {
          provide: REGISTRY_CONSUMERS,
          useValue: registryConsumers(namesFor(config.JETJOBS_NAMESPACE), {
            dispatcher: background.dispatcher ?? true,
            projector: background.projector ?? true,
            webhooks: background.webhooks ?? true,
          }),
        },
      ],
    };
  }
}
