import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { JobsController } from './jobs.controller';
import { LiveEventsModule } from '../live-events/live-events.module';
import { UploadsModule } from '../uploads/uploads.module';

@Module({
  imports: [RegistryModule, LiveEventsModule, UploadsModule],
  controllers: [JobsController],
})
export class JobsModule {}
