import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isApiKeyShaped, TokenVerifier } from '@jetjobs/auth';
import { CodedError } from '@jetjobs/contracts';
import type { Response } from 'express';
import { ApiKeyVerifier } from './api-key-verifier';
import { AuthFailureLimiter, tooManyFailures } from './auth-failure-limiter';
import type { AuthenticatedRequest, Principal } from './authenticated-request';
import { bearerCredential, type BearerCredential } from './bearer-credential';
import { QUERY_TOKEN_ALLOWED, REQUIRED_SCOPES, type StreamRoute } from './require-scopes.decorator';
import { checkStreamBinding } from './stream-binding';

/**
 * Authenticates the bearer credential — a JWT or an API key (`jj_…`) — then checks what it may
 * do here: a stream token only its own job's event stream, any credential the route's scopes.
 * 401 before 403, so a caller learns about scopes only once it has proved who it is.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly apiKeys: ApiKeyVerifier,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const streamRoute = this.reflector.getAllAndOverride<StreamRoute | undefined>(QUERY_TOKEN_ALLOWED, targets);
    const principal = await this.authenticateLimited(request, context.switchToHttp().getResponse<Response>(), streamRoute !== undefined);
    if (principal.jobId !== undefined) checkStreamBinding(principal.jobId, streamRoute, request);
    request.principal = principal;

    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets) ?? [];
    const missing = principal.scopes.has('admin') ? [] : required.filter((scope) => !principal.scopes.has(scope));
    if (missing.length > 0) {
      const what = principal.credential === 'api-key' ? 'API key' : 'Token';
      throw new CodedError('forbidden', `${what} lacks the scope ${missing.join(', ')}`);
    }
    return true;
  }

  /** An address that keeps sending bad credentials is refused before anything is verified. */
  private async authenticateLimited(request: AuthenticatedRequest, response: Response, allowQuery: boolean): Promise<Principal> {
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const credential = bearerCredential(request, allowQuery);
    if (credential === undefined) return this.authenticate(credential);
    const retryAfter = this.failures.retryAfterSeconds(address);
    if (retryAfter !== null) {
      response.setHeader('Retry-After', String(retryAfter));
      throw tooManyFailures(retryAfter);
    }
    try {
      return await this.authenticate(credential);
    } catch (error) {
      if (error instanceof CodedError && error.code === 'unauthorized') this.failures.recordFailure(address);
      throw error;
    }
  }

  private async authenticate(credential: BearerCredential | undefined): Promise<Principal> {
    if (credential === undefined) throw new CodedError('unauthorized', 'Missing bearer token');
    if (isApiKeyShaped(credential.value)) {
      if (credential.from === 'query') {
        // An API key does not expire: in a URL it would live on in every log that saw it.
        throw new CodedError('unauthorized', 'API keys are not accepted in the query string: send them as a Bearer header, or use a stream token');
      }
      return this.apiKeys.verify(credential.value);
    }
    const verified = await this.tokens.verify(credential.value);
    if (credential.from === 'query' && verified.jobId === undefined) {
      // Only a short-lived token bound to one job may sit in a URL; any other JWT there would
      // live on in logs with its full reach (admin too).
      throw new CodedError('unauthorized', 'Only a stream token is accepted in ?access_token= (POST /v1/jobs/<id>/stream-token makes one): send other tokens as a Bearer header');
    }
    return { ...verified, credential: 'token' };
  }
}
