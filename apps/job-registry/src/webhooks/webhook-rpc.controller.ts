import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { listWebhookDeliveriesPayloadSchema, webhookSecretPayloadSchema, type Names } from '@jetjobs/contracts';
import { toReply } from '../rpc/to-reply';
import { WebhookQueriesService } from './webhook-queries.service';

/** The webhook queries on request/reply; made per namespace like the registry's own controller. */
export function webhookRpcController(names: Names): Type<unknown> {
  @Controller()
  class WebhookRpcController {
    constructor(private readonly queries: WebhookQueriesService) {}

    @MessagePattern(names.query('webhook-deliveries'))
    deliveries(@Payload() payload: unknown) {
      return toReply(listWebhookDeliveriesPayloadSchema, payload, (p) => this.queries.deliveries(p));
    }

    @MessagePattern(names.query('webhook-secret'))
    secret(@Payload() payload: unknown) {
      return toReply(webhookSecretPayloadSchema, payload, (p) => this.queries.secret(p));
    }
  }
  return WebhookRpcController;
}
