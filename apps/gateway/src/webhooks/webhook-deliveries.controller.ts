import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { Actor } from '../auth/actor.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { JobIdPipe } from '../jobs/job-id.pipe';
import { RegistryClient } from '../registry/registry-client';
import { toWebhookAttemptJson } from './webhook-delivery-json';

@Controller('v1/jobs')
@UseGuards(AuthGuard)
export class WebhookDeliveriesController {
  constructor(private readonly registry: RegistryClient) {}

  /** Every attempt at delivering the job's webhook, oldest first; another project's job is a 404. */
  @Get(':id/webhook-deliveries')
  @RequireScopes('job:read')
  async list(@Actor() actor: Actor, @Param('id', JobIdPipe) jobId: string) {
    const { items } = await this.registry.send('webhook-deliveries', { actor, jobId });
    return { items: items.map(toWebhookAttemptJson) };
  }
}
