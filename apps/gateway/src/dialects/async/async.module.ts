import { Module } from '@nestjs/common';
import { RegistryModule } from '../../registry/registry.module';
import { AsyncAliases } from './async-aliases';
import { AsyncController } from './async.controller';
import { AsyncSubmissions } from './async-submissions';
import { LiveEventsModule } from '../../live-events/live-events.module';

/** The async API: `POST /api/v1/services/:slug/async` and `GET …/async/:id/output`. */
@Module({
  imports: [RegistryModule, LiveEventsModule],
  controllers: [AsyncController],
  providers: [AsyncAliases, AsyncSubmissions],
})
export class AsyncModule {}
