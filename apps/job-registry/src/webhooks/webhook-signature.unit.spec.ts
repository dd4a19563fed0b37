import { createHmac } from 'node:crypto';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

describe('Standard Webhooks signatures', () => {
  // The example from the Standard Webhooks specification's reference libraries.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('signs "<id>.<timestamp>.<body>" with HMAC-SHA256 under the decoded secret', () => {
    expect(signWebhook(secret, id, timestamp, body)).toEqual({
      'webhook-id': id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('verifies its own signatures and refuses a changed body, id, time or secret', () => {
    const headers = signWebhook(secret, id, timestamp, body);
    expect(verifyWebhook(secret, headers, body)).toBe(true);
    expect(verifyWebhook(secret, headers, `${body} `)).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': 'msg_other' }, body)).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-timestamp': String(timestamp + 1) }, body)).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), headers, body)).toBe(false);
  });

  it('accepts a header listing several signatures when one matches (secret rotation)', () => {
    const headers = signWebhook(secret, id, timestamp, body);
    const listed = { ...headers, 'webhook-signature': `v1,bm90IGl0 ${headers['webhook-signature']}` };
    expect(verifyWebhook(secret, listed, body)).toBe(true);
  });

  it('makes random 32-byte secrets in the whsec_ format', () => {
    const made = newWebhookSecret();
    expect(made).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(made.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(made);
    // A receiver's own HMAC with the decoded key agrees with ours.
    const expected = createHmac('sha256', Buffer.from(made.slice(6), 'base64')).update(`${id}.${timestamp}.${body}`).digest('base64');
    expect(signWebhook(made, id, timestamp, body)['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('refuses a secret without the whsec_ prefix', () => {
    expect(() => signWebhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', id, timestamp, body)).toThrow('whsec_');
  });
});
