import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { LiveEventsModule } from '../live-events/live-events.module';
import { RegistryModule } from '../registry/registry.module';
import { ConsoleApiController } from './console-api.controller';
import { ConsoleFeedController } from './console-feed.controller';
import { serveConsole } from './console-static';

/**
 * The web console: its static build at /console (middleware, not routes: the pages are not part
 * of the API), and the reads and live feed it uses under /v1/console.
 */
@Module({
  imports: [RegistryModule, LiveEventsModule],
  controllers: [ConsoleApiController, ConsoleFeedController],
})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(serveConsole()).forRoutes('console', 'console/{*path}');
  }
}
