import jwt from 'jsonwebtoken';

export interface SignTokenOptions {
  readonly secret: string;
  readonly projectId: string;
  readonly scopes: readonly string[];
  readonly ttlSeconds: number;
  /** The `sub` claim; defaults to the project id. */
  readonly subject?: string;
  /** The issuing time, injectable so that expiry can be tested without waiting. */
  readonly now?: Date;
  /** Binds the token to one job (`job_id` claim): see `signStreamToken`. */
  readonly jobId?: string;
}

/**
 * Signs an HS256 JWT carrying `project_id`, a space-separated `scope` (the OAuth 2 convention),
 * `sub`, `iat` and `exp`.
 */
export function signToken(options: SignTokenOptions): string {
  const { secret, projectId, scopes, ttlSeconds } = options;
  if (!secret) throw new Error('Cannot sign a token without a secret');
  if (!projectId) throw new Error('Cannot sign a token without a project id');
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`Token lifetime must be a positive whole number of seconds, got ${ttlSeconds}`);
  }
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const claims = { project_id: projectId, scope: scopes.join(' '), iat, ...(options.jobId ? { job_id: options.jobId } : {}) };
  return jwt.sign(claims, secret, {
    algorithm: 'HS256',
    expiresIn: ttlSeconds,
    subject: options.subject ?? projectId,
  });
}
