import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

/**
 * Our deliveries checked by the Standard Webhooks reference library that receivers install
 * (`standardwebhooks` on npm), and its signatures checked by ours: a receiver that verifies with
 * it accepts every delivery and refuses a tampered one.
 */
describe('Standard Webhooks interop', () => {
  const body = JSON.stringify({ id: 'job_interop', status: 'completed', result: { note: 'naïve ✓' } });
  const id = 'msg_2f1b8c1e-6a39-4a57-9c57-52a4e1c8a001';
  const now = () => Math.floor(Date.now() / 1000);

  it('the reference library verifies our signature under a secret we made, and hands back the payload', () => {
    const secret = newWebhookSecret();
    const headers = signWebhook(secret, id, now(), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('the reference library refuses our signature over a changed body, id or under another secret', () => {
    const secret = newWebhookSecret();
    const headers = { ...signWebhook(secret, id, now(), body) };
    expect(() => new Webhook(secret).verify(body.replace('completed', 'failed'), headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_other' })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it('we verify what the reference library signs, and produce the very same header', () => {
    const secret = newWebhookSecret();
    const timestamp = now();
    const theirs = new Webhook(secret).sign(id, new Date(timestamp * 1000), body);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': theirs };
    expect(verifyWebhook(secret, headers, body)).toBe(true);
    expect(signWebhook(secret, id, timestamp, body)['webhook-signature']).toBe(theirs);
    expect(verifyWebhook(secret, headers, `${body} `)).toBe(false);
  });
});
