import type { Provider } from '@nestjs/common';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhookQueriesService } from './webhook-queries.service';
import { WebhookSender } from './webhook-sender';
import { webhookSettingsProvider } from './webhook-settings.provider';

/** Everything webhooks need but the delivery loop, which runs only where background work does. */
export const WEBHOOK_PROVIDERS: Provider[] = [webhookSettingsProvider, WebhookSender, WebhookDeliverer, WebhookQueriesService];

export { WebhookDeliveryService } from './webhook-delivery.service';
export { webhookRpcController } from './webhook-rpc.controller';
