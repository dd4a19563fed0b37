import { Module } from '@nestjs/common';
import { LiveEventsModule } from '../../live-events/live-events.module';
import { RegistryModule } from '../../registry/registry.module';
import { UploadsModule } from '../../uploads/uploads.module';
import { ModerationController } from './moderation.controller';
import { ModerationProgressController } from './moderation-progress.controller';
import { ModerationSubmissions } from './moderation-submissions';

/** The moderation API: `/api/v1/moderate/video`, `/api/v1/job/:id[/progress]`, `/api/v1/jobs`. */
@Module({
  imports: [RegistryModule, LiveEventsModule, UploadsModule],
  controllers: [ModerationController, ModerationProgressController],
  providers: [ModerationSubmissions],
})
export class ModerationModule {}
