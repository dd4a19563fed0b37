import { Objm } from '@nats-io/obj';
import { openTestEventStore, type TestEventStore } from '@jetjobs/testing';
import { publishWorkItem } from './work-queue';

const NS = 1_000_000;
const LIMITS = { mediaMaxBytes: 8 * 1024 ** 2, mediaMaxAgeMs: 60_000, eventsMaxBytes: 16 * 1024 ** 2, workMaxMsgs: 2 };

describe('storage limits', () => {
  let ctx: TestEventStore;
  beforeAll(async () => {
    ctx = await openTestEventStore('limits');
    await ctx.store.setup({ limits: LIMITS });
  });
  afterAll(() => ctx.dispose());

  const config = async (stream: string) => (await ctx.store.jsm.streams.info(stream)).config;

  it('bounds the media bucket, the event stream and the work queue', async () => {
    expect(await config(`OBJ_${ctx.names.mediaBucket}`)).toMatchObject({ max_bytes: LIMITS.mediaMaxBytes, max_age: LIMITS.mediaMaxAgeMs * NS, discard: 'new' });
    expect(await config(ctx.names.jobsStream)).toMatchObject({ max_bytes: LIMITS.eventsMaxBytes, discard: 'new' });
    expect(await config(ctx.names.workStream)).toMatchObject({ max_msgs: 2, discard: 'new' });
  });

  it('keeps the bounds when another service sets the namespace up without them', async () => {
    await ctx.store.setup({ eventMaxAgeMs: 0 });
    expect(await config(`OBJ_${ctx.names.mediaBucket}`)).toMatchObject({ max_bytes: LIMITS.mediaMaxBytes, max_age: LIMITS.mediaMaxAgeMs * NS });
    expect(await config(ctx.names.workStream)).toMatchObject({ max_msgs: 2 });
  });

  it('refuses a work item past the bound instead of dropping a queued one', async () => {
    for (const attempt of [1, 2]) await publishWorkItem(ctx.store.js, ctx.names, { jobId: `job-${attempt}`, kind: 'echo', attempt });
    await expect(publishWorkItem(ctx.store.js, ctx.names, { jobId: 'job-3', kind: 'echo', attempt: 1 })).rejects.toThrow(/maximum messages/i);
    expect((await ctx.store.jsm.streams.info(ctx.names.workStream)).state.messages).toBe(2);
  });

  it('refuses a media object past the bucket bound', async () => {
    const bucket = await new Objm(ctx.nc).open(ctx.names.mediaBucket);
    await expect(bucket.putBlob({ name: 'uploads/too-big/x.mp4' }, new Uint8Array(LIMITS.mediaMaxBytes + 1024))).rejects.toThrow();
    expect(await bucket.info('uploads/too-big/x.mp4')).toBeNull();
  });
});
