import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { verifyToken } from '@jetjobs/auth';
import { CodedError } from '@jetjobs/contracts';
import type { AuthenticatedRequest } from './authenticated-request';
import { JWT_SECRET } from './jwt-secret.provider';
import { QUERY_TOKEN_ALLOWED, REQUIRED_SCOPES } from './require-scopes.decorator';

/** Verifies the bearer token, then checks the route's scopes (401 before 403). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_SECRET) private readonly secret: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const allowQuery = this.reflector.getAllAndOverride<boolean | undefined>(QUERY_TOKEN_ALLOWED, targets) ?? false;
    const verified = verifyToken(bearerToken(request, allowQuery), { secret: this.secret });
    request.principal = { projectId: verified.projectId, subject: verified.subject, scopes: verified.scopes };

    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets) ?? [];
    const missing = verified.scopes.has('admin') ? [] : required.filter((scope) => !verified.scopes.has(scope));
    if (missing.length > 0) throw new CodedError('forbidden', `Token lacks the scope ${missing.join(', ')}`);
    return true;
  }
}

function bearerToken(request: AuthenticatedRequest, allowQuery: boolean): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (!match) throw new CodedError('unauthorized', 'Authorization header must be "Bearer <token>"');
    return match[1];
  }
  const fromQuery: unknown = allowQuery ? request.query['access_token'] : undefined;
  return typeof fromQuery === 'string' && fromQuery !== '' ? fromQuery : undefined;
}
