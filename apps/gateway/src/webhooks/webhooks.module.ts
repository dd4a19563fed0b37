import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';

@Module({
  imports: [RegistryModule],
  controllers: [WebhookDeliveriesController],
})
export class WebhooksModule {}
