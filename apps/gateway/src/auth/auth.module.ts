import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RegistryModule } from '../registry/registry.module';
import { ApiKeyVerifier } from './api-key-verifier';
import { AuthGuard } from './auth.guard';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { ErrorDialectGuard } from './error-dialect';
import { jwtSecretProvider } from './jwt-secret.provider';
import { StreamTokenController } from './stream-token.controller';
import { tokenVerifierProvider } from './token-verifier.provider';
import { LiveEventsModule } from '../live-events/live-events.module';

/**
 * Global so that every feature module can put `@UseGuards(AuthGuard)` on its controllers: each
 * such module builds its own guard from these exports, so the verifiers (and the API-key cache)
 * stay one per gateway.
 */
@Global()
@Module({
  imports: [RegistryModule, LiveEventsModule],
  controllers: [StreamTokenController],
  providers: [
    jwtSecretProvider,
    tokenVerifierProvider,
    ApiKeyVerifier,
    AuthFailureLimiter,
    AuthGuard,
    { provide: APP_GUARD, useClass: ErrorDialectGuard },
  ],
  exports: [jwtSecretProvider, tokenVerifierProvider, ApiKeyVerifier, AuthFailureLimiter, AuthGuard],
})
export class AuthModule {}
