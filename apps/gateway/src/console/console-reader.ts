import { CodedError } from '@jetjobs/contracts';
import type { Principal } from '../auth/authenticated-request';
import { consoleRole } from './console-role';

/**
 * Whose jobs a caller reads: a tenant its own project (`job:read`), an operator every project or
 * the one it names. Thrown as 403 before anything is read.
 */
export function readableProject(principal: Principal, requested: string | undefined): string | null {
  const { operator } = consoleRole(principal);
  if (operator) return requested ?? null;
  if (!principal.scopes.has('job:read')) throw new CodedError('forbidden', 'Token lacks the scope job:read');
  return principal.projectId;
}
