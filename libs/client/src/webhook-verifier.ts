import { createHmac, timingSafeEqual } from 'node:crypto';

/** A webhook request whose signature, id or timestamp does not check out. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** Request headers as Node (`IncomingMessage.headers`) or fetch (`Headers`) hands them over. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Options of `webhooks.verify`. */
export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now, either way (default 300 s: replay protection). */
  readonly toleranceSeconds?: number;
  /** The clock, in milliseconds (tests). */
  readonly now?: number;
}

/**
 * Standard Webhooks verification (https://www.standardwebhooks.com), as jetjobs signs deliveries:
 * `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` keyed with the
 * project's `whsec_` secret. Verify the raw body before parsing it: re-serialised JSON differs.
 */
export class WebhooksApi {
  /** Returns the parsed payload (the job as `GET /v1/jobs/:id` shows it); throws `WebhookVerificationError`. */
  verify<T = unknown>(rawBody: string | Uint8Array, headers: WebhookHeaders, secret: string, options: VerifyOptions = {}): T {
    const id = header(headers, 'webhook-id');
    const timestamp = header(headers, 'webhook-timestamp');
    const signatures = header(headers, 'webhook-signature');
    if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature header');
    if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not unix seconds');
    const skew = Math.abs((options.now ?? Date.now()) / 1000 - Number(timestamp));
    if (skew > (options.toleranceSeconds ?? 300)) throw new WebhookVerificationError('webhook-timestamp is too old or too far in the future');
    const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
    const expected = Buffer.from(sign(secret, id, timestamp, body), 'base64');
    const matches = signatures.split(' ').some((candidate) => {
      const [version, value] = candidate.split(',', 2);
      if (version !== 'v1' || !value) return false;
      const given = Buffer.from(value, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!matches) throw new WebhookVerificationError('no webhook-signature matches the body');
    return JSON.parse(body.toString('utf8')) as T;
  }

  /** The `webhook-signature` value for a body: for tests of a receiver. */
  sign(rawBody: string | Uint8Array, id: string, timestampSeconds: number, secret: string): string {
    const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
    return `v1,${sign(secret, id, String(timestampSeconds), body)}`;
  }
}

function sign(secret: string, id: string, timestamp: string, body: Buffer): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return typeof value === 'string' ? value : value?.[0];
}
