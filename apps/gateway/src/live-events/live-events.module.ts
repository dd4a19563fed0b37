import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { JobViews } from './job-views';
import { LiveEventHub } from './live-event-hub';

@Module({
  imports: [RegistryModule],
  providers: [LiveEventHub, JobViews],
  exports: [LiveEventHub, JobViews],
})
export class LiveEventsModule {}
