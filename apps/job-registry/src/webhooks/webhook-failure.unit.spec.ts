import { CodedError } from '@jetjobs/contracts';
import { TransferStalledError } from '@jetjobs/url-safety';
import { describeSendFailure } from './webhook-failure';

const URL_ = 'http://hooks.internal.example:8080/done';

describe('what a webhook delivery record says about a failure', () => {
  it.each([
    ['a refused connection', new CodedError('unavailable', 'Could not reach hooks.internal.example:8080: connect ECONNREFUSED 10.1.2.3:8080'), 'Could not reach hooks.internal.example:8080: connection refused'],
    ['a reset', new CodedError('unavailable', 'Could not reach hooks.internal.example:8080: read ECONNRESET'), 'Could not reach hooks.internal.example:8080: connection reset'],
    ['an unknown failure', new Error('upstream said: <html>internal stack at 10.9.8.7</html>'), 'Could not reach hooks.internal.example:8080: network error'],
    ['a receiver that never answers', new TransferStalledError('hooks.internal.example:8080', 5000), 'hooks.internal.example:8080 sent no response within 5000 ms'],
  ])('names %s without addresses or the receiver\'s words', (_case, error, expected) => {
    const text = describeSendFailure(error, URL_, 5000);
    expect(text).toBe(expected);
    expect(text).not.toMatch(/10\.\d+\.\d+\.\d+|html/);
  });

  it('keeps the reason a URL is refused, which names no address', () => {
    const refused = new CodedError('validation_failed', 'Host "hooks.internal.example" resolves to a private network address: only URLs on the public internet are accepted');
    expect(describeSendFailure(refused, URL_, 5000)).toBe(refused.message);
  });
});
