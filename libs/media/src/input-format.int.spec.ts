import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTestVideo } from '@jetjobs/testing';
import { probeMedia } from './probe';
import { withTempDir } from './temp-workspace';

describe('a local input opened with its sniffed demuxer', () => {
  it.each([
    ['an HLS playlist', (video: string) => `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1,\nfile://${video}\n#EXT-X-ENDLIST\n`],
    ['an ffconcat list', () => "ffconcat version 1.0\nfile 'elsewhere.mp4'\n"],
  ])('is read as that container only: %s cannot send the tool to another file', async (_name, listing) => {
    await withTempDir('input-format', async (dir) => {
      const video = join(dir, 'elsewhere.mp4');
      await generateTestVideo(video, { durationS: 1 });
      const file = join(dir, 'source.mp4');
      await writeFile(file, listing(video));
      // Left to guess, the tool follows the list to the other file: what a tenant's name invites.
      expect((await probeMedia(file)).video).not.toBeNull();
      await expect(probeMedia(file, { demuxer: 'mov' })).rejects.toThrow('not a readable video');
    });
  });
});
