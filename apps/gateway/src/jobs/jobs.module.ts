import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { JobsController } from './jobs.controller';
import { LiveEventsModule } from '../live-events/live-events.module';

@Module({
  imports: [RegistryModule, LiveEventsModule],
  controllers: [JobsController],
})
export class JobsModule {}
