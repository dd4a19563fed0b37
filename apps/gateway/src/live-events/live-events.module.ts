import { Module } from '@nestjs/common';
import { LiveEventHub } from './live-event-hub';

@Module({
  providers: [LiveEventHub],
  exports: [LiveEventHub],
})
export class LiveEventsModule {}
