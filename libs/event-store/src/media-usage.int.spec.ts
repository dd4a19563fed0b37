import { openTestEventStore, type TestEventStore } from '@jetjobs/testing';
import { MediaUsage, StorageQuotaExceededError } from './media-usage';

describe('MediaUsage: bytes of uploads per project', () => {
  let ctx: TestEventStore;
  let usage: MediaUsage;
  beforeAll(async () => {
    ctx = await openTestEventStore('usage');
    usage = await MediaUsage.open(ctx.nc, ctx.names);
  });
  afterAll(() => ctx.dispose());

  it('counts stored uploads per project, and forgets deleted ones', async () => {
    await usage.record('project-a', 'uploads/1/a.mp4', 1_000);
    await usage.record('project-a', 'uploads/2/b.mp4', 500);
    await usage.record('project-b', 'uploads/3/c.mp4', 7_000);
    expect(await usage.usedBytes('project-a')).toBe(1_500);
    await usage.forget('project-a', 'uploads/1/a.mp4');
    expect(await usage.usedBytes('project-a')).toBe(500);
    expect(await usage.usedBytes('project-b')).toBe(7_000);
  });

  it('never lets concurrent reservations pass the quota', async () => {
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => usage.reserve('project-c', 1_000, 5_000)));
    const granted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(granted.length).toBeLessThanOrEqual(5);
    expect(granted.length).toBeGreaterThan(0);
    for (const r of refused) expect(r.reason).toBeInstanceOf(StorageQuotaExceededError);
    expect(await usage.usedBytes('project-c')).toBe(granted.length * 1_000);
  });

  it('releases a reservation, and refuses with the numbers when the quota is full', async () => {
    const held = await usage.reserve('project-d', 4_000, 5_000);
    await expect(usage.reserve('project-d', 2_000, 5_000)).rejects.toMatchObject({ usedBytes: 4_000, wantedBytes: 2_000, quotaBytes: 5_000 });
    await usage.release(held);
    await expect(usage.reserve('project-d', 2_000, 5_000)).resolves.toBeDefined();
  });
});
