import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { JobsController } from './jobs.controller';

@Module({
  imports: [RegistryModule],
  controllers: [JobsController],
})
export class JobsModule {}
