import { CodedError } from '@jetjobs/contracts';
import type { AuthenticatedRequest } from './authenticated-request';

export interface BearerCredential {
  readonly value: string;
  /** Query strings end up in access logs, so where a credential came from matters. */
  readonly from: 'header' | 'query';
}

/** The credential of `Authorization: Bearer <x>`, or of `?access_token=` where a route allows it. */
export function bearerCredential(request: AuthenticatedRequest, allowQuery: boolean): BearerCredential | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const value = /^Bearer +(\S+) *$/i.exec(header)?.[1];
    if (value === undefined) throw new CodedError('unauthorized', 'Authorization header must be "Bearer <token>"');
    return { value, from: 'header' };
  }
  const fromQuery: unknown = allowQuery ? request.query['access_token'] : undefined;
  return typeof fromQuery === 'string' && fromQuery !== '' ? { value: fromQuery, from: 'query' } : undefined;
}
