import { Module } from '@nestjs/common';
import { LiveEventsModule } from '../../live-events/live-events.module';
import { RegistryModule } from '../../registry/registry.module';
import { UploadsModule } from '../../uploads/uploads.module';
import { AvfController } from './avf.controller';

@Module({
  imports: [RegistryModule, UploadsModule, LiveEventsModule],
  controllers: [AvfController],
})
export class AvfModule {}
