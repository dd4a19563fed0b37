import { Inject, Injectable } from '@nestjs/common';
import { CodedError } from '@jetjobs/contracts';
import { safeFetch } from '@jetjobs/url-safety';
import { WEBHOOK_SETTINGS } from './webhook-settings.provider';
import type { WebhookSettings } from './webhook-config';
import type { SignedHeaders } from './webhook-signature';
import { describeSendFailure } from './webhook-failure';

/** How one POST went. */
export interface WebhookSendResult {
  /** The receiver's status; null when no response came (refused URL, network error, timeout). */
  readonly statusCode: number | null;
  readonly error: string | null;
  /** The URL itself is refused (private address, redirect): trying again cannot help. */
  readonly refused: boolean;
  readonly durationMs: number;
}

/**
 * POSTs a signed body under the same rules as every URL a client gives us: `safeFetch` checks the
 * address it connects to (no private networks unless allowlisted), follows no redirect, bounds
 * the silence before the response headers by the first-byte timeout and the whole exchange by the
 * timeout. The response body is never read, and no error text of the receiver is kept.
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings) {}

  async send(url: string, headers: SignedHeaders, body: string): Promise<WebhookSendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await safeFetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'jetjobs-webhooks' },
        body,
        allowlist: this.settings.allowlist,
        timeoutMs: this.settings.timeoutMs,
        idleTimeoutMs: this.settings.firstByteTimeoutMs,
        maxRedirects: 0,
        // The body is discarded unread, so its size does not matter.
        maxBytes: Number.MAX_SAFE_INTEGER,
      });
      response.body.destroy();
      const ok = response.status >= 200 && response.status < 300;
      return { statusCode: response.status, error: ok ? null : `HTTP ${response.status}`, refused: false, durationMs: elapsed() };
    } catch (error) {
      const refused = error instanceof CodedError && error.code === 'validation_failed';
      return { statusCode: null, error: describeSendFailure(error, url, this.settings.firstByteTimeoutMs), refused, durationMs: elapsed() };
    }
  }
}
