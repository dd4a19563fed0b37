import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isApiKeyShaped, TokenVerifier } from '@jetjobs/auth';
import { CodedError } from '@jetjobs/contracts';
import { ApiKeyVerifier } from './api-key-verifier';
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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const streamRoute = this.reflector.getAllAndOverride<StreamRoute | undefined>(QUERY_TOKEN_ALLOWED, targets);
    const principal = await this.authenticate(bearerCredential(request, streamRoute !== undefined));
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
    return { ...verified, credential: 'token' };
  }
}
