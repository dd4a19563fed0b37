import { Module } from '@nestjs/common';
import { ClipperAuthGuard } from '../dialects/clipper/clipper-auth.guard';
import { RegistryModule } from '../registry/registry.module';
import { UploadsModule } from '../uploads/uploads.module';
import { VideosController } from './videos.controller';
import { LiveEventsModule } from '../live-events/live-events.module';

@Module({
  imports: [RegistryModule, LiveEventsModule, UploadsModule],
  controllers: [VideosController],
  providers: [ClipperAuthGuard],
})
export class MediaModule {}
