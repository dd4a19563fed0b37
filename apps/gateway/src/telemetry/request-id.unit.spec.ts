import { requestIdOf } from './request-id';

describe('X-Request-Id', () => {
  it("keeps a caller's reasonable id", () => {
    expect(requestIdOf('checkout-7f3a:retry/2')).toBe('checkout-7f3a:retry/2');
    expect(requestIdOf(['first', 'second'])).toBe('first');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a forged log line', 'abc\n{"level":"fatal"}'],
    ['spaces', 'a b'],
    ['over 128 characters', 'x'.repeat(129)],
  ])('draws a UUID instead of %s', (_, given) => {
    expect(requestIdOf(given)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
