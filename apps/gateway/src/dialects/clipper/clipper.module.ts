import { Module } from '@nestjs/common';
import { RegistryModule } from '../../registry/registry.module';
import { UploadsModule } from '../../uploads/uploads.module';
import { ClipperAuthGuard } from './clipper-auth.guard';
import { ClipperController } from './clipper.controller';
import { LiveEventsModule } from '../../live-events/live-events.module';

@Module({
  imports: [RegistryModule, LiveEventsModule, UploadsModule],
  controllers: [ClipperController],
  providers: [ClipperAuthGuard],
})
export class ClipperModule {}
