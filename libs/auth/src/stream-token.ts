import { signToken } from './sign-token';

/** Stream tokens end up in URLs (and so in access logs): they read one job, briefly. */
export const STREAM_TOKEN_SCOPE = 'job:read';

export interface SignStreamTokenOptions {
  readonly secret: string;
  readonly projectId: string;
  readonly subject: string;
  readonly jobId: string;
  readonly ttlSeconds: number;
  readonly now?: Date;
}

/**
 * A short-lived HS256 token for `?access_token=` on one job's event streams, for browsers whose
 * EventSource cannot send an Authorization header. Its `job_id` claim binds it to that job:
 * the gateway refuses it on any other job and on every route that is not an event stream.
 */
export function signStreamToken(options: SignStreamTokenOptions): string {
  const { secret, projectId, subject, jobId, ttlSeconds, now } = options;
  return signToken({ secret, projectId, subject, scopes: [STREAM_TOKEN_SCOPE], ttlSeconds, now, jobId });
}
