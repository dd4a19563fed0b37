import { parseSoakOptions } from './soak-options';

describe('soak options', () => {
  it('default to a ten-minute run at ten jobs a second', () => {
    expect(parseSoakOptions([], {})).toMatchObject({ minutes: 10, rate: 10, sse: 20, graceSeconds: 60, help: false, natsUrl: 'nats://127.0.0.1:4222' });
  });

  it('take fractions of a minute and whole numbers of clients', () => {
    expect(parseSoakOptions(['--minutes', '0.5', '--rate', '2.5', '--sse', '0'], { NATS_URL: 'nats://n:4222' })).toMatchObject({ minutes: 0.5, rate: 2.5, sse: 0, natsUrl: 'nats://n:4222' });
  });

  it('reject a bad value with a message naming the option and its range', () => {
    expect(() => parseSoakOptions(['--minutes', 'long'], {})).toThrow('--minutes must be a number from 0.05 to 1440, got "long"');
    expect(() => parseSoakOptions(['--sse', '2.5'], {})).toThrow('--sse must be a whole number from 0 to 10000, got "2.5"');
    expect(() => parseSoakOptions(['--rate', ''], {})).toThrow('--rate must be');
    expect(() => parseSoakOptions(['--cancel-percent', '60', '--fail-percent', '50'], {})).toThrow('must not exceed 100');
    expect(() => parseSoakOptions(['--jobs', '5'], {})).toThrow("Unknown option '--jobs'");
  });
});
