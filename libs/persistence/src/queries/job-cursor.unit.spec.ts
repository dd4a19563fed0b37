import { randomUUID } from 'node:crypto';
import { CodedError } from '@jetjobs/contracts';
import { decodeJobCursor, encodeJobCursor } from './job-cursor';

describe('job cursor', () => {
  it('round-trips the position of a job', () => {
    const job = { createdAt: '2025-03-04T05:06:07.123456Z', id: randomUUID() };

    const cursor = encodeJobCursor(job);

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeJobCursor(cursor)).toEqual(job);
  });

  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['an object', encode({ createdAt: '2025-01-01T00:00:00Z', id: randomUUID() })],
    ['three parts', encode(['2025-01-01T00:00:00Z', randomUUID(), 1])],
    ['an impossible date', encode(['2025-02-30T00:00:00Z', randomUUID()])],
    ['a local time', encode(['2025-01-01T00:00:00', randomUUID()])],
    ['an id that is not a uuid', encode(['2025-01-01T00:00:00Z', 'job-1'])],
  ])('refuses %s with validation_failed', (_label, cursor) => {
    let thrown: unknown;
    try {
      decodeJobCursor(cursor);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CodedError);
    expect(thrown).toMatchObject({ code: 'validation_failed' });
  });
});
