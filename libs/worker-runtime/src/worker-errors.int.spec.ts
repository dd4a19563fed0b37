import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { probeVideo, runProcess, withTempDir } from '@jetjobs/media';
import { generateTestVideo, generateTruncatedMp4 } from '@jetjobs/testing';
import { describeError, PermanentError } from './index';

/** What a client must never read in a failed job's message. */
function expectClientSafe(message: string): void {
  expect(message).not.toMatch(/\//); // no path, temp folder or URL path
  expect(message).not.toMatch(/ffprobe|ffmpeg|pocketsphinx|flite|mov,mp4|IMGUTILS|h264 @/i);
  expect(message).not.toMatch(/0x[0-9a-f]+/i);
  expect(message).not.toContain(hostname());
  expect(message).not.toMatch(/jetjobs-/);
}

async function failureOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(() => {
    throw new Error('expected the tool to fail');
  }, (error: unknown) => error);
}

describe('client-safe failure messages over real tool output', () => {
  it('says a truncated mp4 has no index, and keeps ffprobe\'s own words for the log', async () => {
    await withTempDir('errors', async (dir) => {
      const file = join(dir, 'source.mp4');
      await generateTruncatedMp4(file);
      const described = describeError(await failureOf(probeVideo(file)));
      expect(described).toMatchObject({ code: 'invalid_media', permanent: true, message: 'The file is not a readable video (no MP4 index found)' });
      expectClientSafe(described.message);
      expect(described.detail).toMatch(/moov atom not found/);
      expect(described.detail).toContain(dir); // the log gets the path; the client does not
    });
  });

  it('says text is not a known format, and a missing file is the worker\'s problem, not the client\'s', async () => {
    await withTempDir('errors', async (dir) => {
      const text = join(dir, 'notes.bin');
      await writeFile(text, 'this is not a video');
      const notVideo = describeError(await failureOf(probeVideo(text)));
      expect(notVideo).toMatchObject({ code: 'invalid_media', permanent: true, message: 'The file is not a readable video (not a recognised audio or video format)' });
      expectClientSafe(notVideo.message);

      const missing = describeError(await failureOf(runProcess('ffmpeg', ['-v', 'error', '-i', join(dir, 'gone.mp4'), '-f', 'null', '-'])));
      expect(missing).toMatchObject({ code: 'media_tool_failed', permanent: false });
      expectClientSafe(missing.message);
    });
  });

  it('says a picture over the decode limit is too large', async () => {
    await withTempDir('errors', async (dir) => {
      const file = join(dir, 'big.mp4');
      await generateTestVideo(file, { durationS: 1, width: 320, height: 240, audio: 'none' });
      const error = await failureOf(runProcess('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { limits: { maxPixels: 320 * 239 } }));
      const described = describeError(error);
      expect(described).toMatchObject({ code: 'media_too_large', permanent: true });
      expectClientSafe(described.message);
    });
  });

  it('hides what an unexpected error says, and scrubs paths and pointers from handler messages', () => {
    const unexpected = describeError(new Error(`EACCES: permission denied, open '/tmp/jetjobs-moderation-1-abc/source.mp4' on ${hostname()}`));
    expect(unexpected).toMatchObject({ code: 'handler_error', permanent: false });
    expectClientSafe(unexpected.message);
    expect(unexpected.detail).toContain('/tmp/jetjobs-moderation-1-abc/source.mp4');

    const careless = describeError(new PermanentError('Decoding failed: [mov,mp4,m4a,3gp,3g2,mj2 @ 0x5636d979b0c0] bad data in /tmp/jetjobs-avf-9-x/in.mp4', 'invalid_media'));
    expect(careless.message).toBe('Decoding failed: bad data in <file>');
  });
});
