import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { CodedError, type Actor as ActorValue } from '@jetjobs/contracts';
import type { AuthenticatedRequest } from './authenticated-request';

/** The authenticated caller, `{projectId, subject}`. */
export type Actor = ActorValue;

/** Injects the authenticated caller; only on routes behind the AuthGuard. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new CodedError('unauthorized', 'Not authenticated');
  return { projectId: principal.projectId, subject: principal.subject };
});
