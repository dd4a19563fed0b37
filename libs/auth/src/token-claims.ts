import type jwt from 'jsonwebtoken';
import { unauthorized } from './jwt-errors';

/** Who a verified token speaks for. */
export interface VerifiedToken {
  readonly projectId: string;
  readonly scopes: Set<string>;
  readonly subject: string;
  /**
   * Set on job-scoped stream tokens (`job_id` claim): such a token is only good for that job's
   * event streams, whatever scopes it carries.
   */
  readonly jobId?: string;
}

/** Reads the claims every accepted token must carry, whoever signed it. */
export function claimsOf(payload: jwt.JwtPayload): VerifiedToken {
  if (typeof payload.exp !== 'number') throw unauthorized('Token has no expiry (exp claim is required)');
  const projectId = payload['project_id'];
  if (typeof projectId !== 'string' || projectId === '') throw unauthorized('Token has no project_id claim');
  const jobId = payload['job_id'];
  if (jobId !== undefined && (typeof jobId !== 'string' || jobId === '')) throw unauthorized('Token has a malformed job_id claim');
  return {
    projectId,
    scopes: new Set(parseScopes(payload['scope'])),
    subject: typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : projectId,
    ...(jobId === undefined ? {} : { jobId }),
  };
}

/** `scope` is a space-separated string (RFC 8693); an array is tolerated for other issuers. */
function parseScopes(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(' ').filter(Boolean);
  if (Array.isArray(claim)) return claim.filter((s): s is string => typeof s === 'string' && s !== '');
  return [];
}
