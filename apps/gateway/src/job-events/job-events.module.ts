import { Module } from '@nestjs/common';
import { LiveEventsModule } from '../live-events/live-events.module';
import { RegistryModule } from '../registry/registry.module';
import { JobEventSources } from './job-event-source';
import { JobEventsController } from './job-events.controller';

@Module({
  imports: [RegistryModule, LiveEventsModule],
  controllers: [JobEventsController],
  providers: [JobEventSources],
})
export class JobEventsModule {}
