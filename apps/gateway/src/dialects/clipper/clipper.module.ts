import { Module } from '@nestjs/common';
import { RegistryModule } from '../../registry/registry.module';
import { UploadsModule } from '../../uploads/uploads.module';
import { ClipperAuthGuard } from './clipper-auth.guard';
import { ClipperController } from './clipper.controller';

@Module({
  imports: [RegistryModule, UploadsModule],
  controllers: [ClipperController],
  providers: [ClipperAuthGuard],
})
export class ClipperModule {}
