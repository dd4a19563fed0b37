import { createHmac, timingSafeEqual } from 'node:crypto';
import { CodedError } from '@jetjobs/contracts';

/** Marks a feed token; not JWT-shaped, so no other route's guard accepts it. */
const PREFIX = 'jjfeed.';

/** What a feed token lets its holder read: one project's job changes, or every project's. */
export interface FeedGrant {
  /** null: every project (an operator's token). */
  readonly projectId: string | null;
  readonly subject: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

/**
 * A short-lived, read-only token for the console's live feed, which a browser's EventSource
 * sends in the query string. It is bound to a project (or to all, for operators) and carries no
 * scope: only the feed route reads it, so a leaked one reads job changes briefly and nothing else.
 * Signed with a key derived from the JWT secret, so it can never pass as a JWT.
 */
export function signFeedToken(secret: string, grant: FeedGrant): string {
  const body = Buffer.from(JSON.stringify({ p: grant.projectId, s: grant.subject, e: grant.expiresAt }), 'utf8').toString('base64url');
  return `${PREFIX}${body}.${mac(secret, body)}`;
}

/** @throws CodedError `unauthorized` when the token is malformed, forged or expired. */
export function verifyFeedToken(secret: string, token: string, nowSeconds = Date.now() / 1000): FeedGrant {
  const [body, signature] = token.startsWith(PREFIX) ? token.slice(PREFIX.length).split('.') : [];
  if (body === undefined || signature === undefined || !sameText(signature, mac(secret, body))) {
    throw new CodedError('unauthorized', 'Invalid feed token: POST /v1/console/feed-token makes one');
  }
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { p: string | null; s: string; e: number };
  if (claims.e <= nowSeconds) throw new CodedError('unauthorized', 'The feed token has expired: ask for a new one');
  return { projectId: claims.p, subject: claims.s, expiresAt: claims.e };
}

function mac(secret: string, body: string): string {
  const key = createHmac('sha256', secret).update('jetjobs console feed').digest();
  return createHmac('sha256', key).update(body).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
