import { Global, Module } from '@nestjs/common';
import { AuthGuard } from './auth.guard';
import { jwtSecretProvider } from './jwt-secret.provider';

/** Global so that every feature module can put `@UseGuards(AuthGuard)` on its controllers. */
@Global()
@Module({
  providers: [jwtSecretProvider, AuthGuard],
  exports: [jwtSecretProvider, AuthGuard],
})
export class AuthModule {}
