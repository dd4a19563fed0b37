import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the signed content is
 * `<webhook-id>.<webhook-timestamp>.<body>`, the key is the base64 part of `whsec_<base64>`, and
 * the `webhook-signature` header is `v1,<base64 HMAC-SHA256>`.
 */
export const SECRET_PREFIX = 'whsec_';

/** A new random secret: 32 bytes, as the spec recommends (at least 24). */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export interface SignedHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** The three Standard Webhooks headers for one attempt; `timestamp` is in unix seconds. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): SignedHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature(secret, id, timestamp, body)}`,
  };
}

/**
 * Whether any `v1,` signature in the header matches: the header may list several, space
 * separated, while a secret is being rotated. Receivers do this; tests use it too.
 */
export function verifyWebhook(secret: string, headers: SignedHeaders, body: string): boolean {
  const expected = Buffer.from(signature(secret, headers['webhook-id'], Number(headers['webhook-timestamp']), body));
  return headers['webhook-signature'].split(' ').some((entry) => {
    const [version, value = ''] = entry.split(',', 2);
    const candidate = Buffer.from(value);
    return version === 'v1' && candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
}

function signature(secret: string, id: string, timestamp: number, body: string): string {
  return createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error(`A webhook secret starts with ${SECRET_PREFIX}`);
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}
