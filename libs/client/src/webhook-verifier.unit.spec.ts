import { WebhooksApi, WebhookVerificationError } from './webhook-verifier';

// The Standard Webhooks specification's own test vector, so this checks the format, not itself.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = 1614265330;
const BODY = '{"test": 2432232314}';
const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const NOW = TIMESTAMP * 1000 + 10_000;

describe('webhooks.verify (Standard Webhooks)', () => {
  const webhooks = new WebhooksApi();
  const headers = { 'webhook-id': ID, 'webhook-timestamp': String(TIMESTAMP), 'webhook-signature': SIGNATURE };

  it('accepts the specification test vector and returns the parsed body', () => {
    expect(webhooks.verify(BODY, headers, SECRET, { now: NOW })).toEqual({ test: 2432232314 });
    expect(webhooks.verify(new TextEncoder().encode(BODY), new Headers(headers), SECRET, { now: NOW })).toEqual({ test: 2432232314 });
  });

  it('signs exactly as the specification does', () => {
    expect(webhooks.sign(BODY, ID, TIMESTAMP, SECRET)).toBe(SIGNATURE);
  });

  it('accepts a matching signature among several (secret rotation)', () => {
    const rotated = { ...headers, 'webhook-signature': `v1,bm90IGl0 ${SIGNATURE}` };
    expect(webhooks.verify(BODY, rotated, SECRET, { now: NOW })).toEqual({ test: 2432232314 });
  });

  it.each([
    ['a changed body', BODY.replace('2432', '2433'), headers, 'no webhook-signature matches'],
    ['a changed id', BODY, { ...headers, 'webhook-id': 'msg_other' }, 'no webhook-signature matches'],
    ['an unknown signature version', BODY, { ...headers, 'webhook-signature': SIGNATURE.replace('v1,', 'v2,') }, 'no webhook-signature matches'],
    ['a missing signature', BODY, { 'webhook-id': ID, 'webhook-timestamp': String(TIMESTAMP) }, 'missing'],
    ['a timestamp that is not a number', BODY, { ...headers, 'webhook-timestamp': 'soon' }, 'unix seconds'],
  ])('refuses %s', (_case, body, given, message) => {
    expect(() => webhooks.verify(body, given, SECRET, { now: NOW })).toThrow(WebhookVerificationError);
    expect(() => webhooks.verify(body, given, SECRET, { now: NOW })).toThrow(message);
  });

  it('refuses a delivery older than the tolerance, which stops replays', () => {
    expect(() => webhooks.verify(BODY, headers, SECRET, { now: TIMESTAMP * 1000 + 301_000 })).toThrow('too old');
    expect(webhooks.verify(BODY, headers, SECRET, { now: TIMESTAMP * 1000 + 301_000, toleranceSeconds: 600 })).toEqual({ test: 2432232314 });
  });

  it('refuses with the wrong secret', () => {
    expect(() => webhooks.verify(BODY, headers, 'whsec_' + Buffer.from('another key').toString('base64'), { now: NOW })).toThrow('no webhook-signature matches');
  });
});
