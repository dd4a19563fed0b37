import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Objm } from '@nats-io/obj';
import { openTestEventStore, type TestEventStore } from '@jetjobs/testing';
import { withTempDir } from '@jetjobs/media';
import { MediaStore } from './index';

describe('MediaStore on the NATS object store', () => {
  let ctx: TestEventStore;
  let media: MediaStore;
  beforeAll(async () => {
    ctx = await openTestEventStore('ms');
    media = new MediaStore(await new Objm(ctx.nc).open(ctx.names.mediaBucket));
  });
  afterAll(() => ctx.dispose());

  it('uploads a file with its content type and downloads the same bytes', async () => {
    await withTempDir('ms', async (dir) => {
      const source = join(dir, 'clip.mp4');
      const bytes = Buffer.alloc(300_000, 7);
      await writeFile(source, bytes);
      await media.upload('clips/job/clip.mp4', source, 'video/mp4', { projectId: 'p1', jobId: 'job', purpose: 'output' });

      expect(await media.exists('clips/job/clip.mp4')).toBe(true);
      const info = await (await new Objm(ctx.nc).open(ctx.names.mediaBucket)).info('clips/job/clip.mp4');
      expect(info?.headers?.get('Content-Type')).toBe('video/mp4');
      const target = join(dir, 'back.mp4');
      expect(await media.download('clips/job/clip.mp4', target)).toBe(true);
      expect((await readFile(target)).equals(bytes)).toBe(true);
      expect(await media.download('clips/job/missing.mp4', join(dir, 'x'))).toBe(false);
    });
  });
});
