import { CodedError } from '@jetjobs/contracts';
import { assertPublicHttpUrl } from '@jetjobs/url-safety';

/**
 * A webhook URL is checked at submission like any URL input (http/https, a public address unless
 * allowlisted), so a client learns of a bad one at once rather than from a delivery that never
 * comes. The registry checks again when it sends: the name may resolve elsewhere by then.
 *
 * @throws CodedError `validation_failed` naming the field.
 */
export async function assertWebhookUrl(url: string, allowlist: readonly string[], field = 'webhook_url'): Promise<void> {
  try {
    await assertPublicHttpUrl(url, { allowlist });
  } catch (error) {
    if (error instanceof CodedError) throw new CodedError(error.code, `${field}: ${error.message}`);
    throw error;
  }
}
