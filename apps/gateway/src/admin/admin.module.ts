import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { AdminConsoleController } from './admin-console.controller';
import { AdminController } from './admin.controller';

@Module({
  imports: [RegistryModule],
  controllers: [AdminController, AdminConsoleController],
})
export class AdminModule {}
