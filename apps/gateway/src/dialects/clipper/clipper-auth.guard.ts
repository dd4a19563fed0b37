import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '../../auth/auth.guard';
import type { AuthenticatedRequest, Principal } from '../../auth/authenticated-request';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway-config';

/** What an anonymous caller may do: exactly the clipper API (submit, poll, fetch clips). */
const ANONYMOUS_SCOPES: ReadonlySet<string> = new Set(['clips:process', 'job:read']);

/**
 * The clipper API's auth. The original is open; jetjobs requires a credential unless the operator
 * names a project in `JETJOBS_ANONYMOUS_CLIPPER_PROJECT`, in which case a call that carries no
 * credential at all acts as that project. A call that does carry one is checked as everywhere
 * else, so a bad token is still a 401 rather than a silent downgrade to anonymous.
 */
@Injectable()
export class ClipperAuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthGuard,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const project = this.config.JETJOBS_ANONYMOUS_CLIPPER_PROJECT;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (project !== undefined && !carriesCredential(request)) {
      const principal: Principal = { projectId: project, subject: 'anonymous', scopes: ANONYMOUS_SCOPES };
      request.principal = principal;
      return true;
    }
    return await this.auth.canActivate(context);
  }
}

function carriesCredential(request: AuthenticatedRequest): boolean {
  const fromQuery: unknown = request.query['access_token'];
  return request.headers.authorization !== undefined || (typeof fromQuery === 'string' && fromQuery !== '');
}
