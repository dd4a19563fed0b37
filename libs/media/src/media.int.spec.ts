import { writeFile, truncate, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTestVideo } from '@jetjobs/testing';
import { decodeAudio, decodeFrames, MediaError, probeMedia, probeVideo, streamProcess, withTempDir } from './index';

describe('media tools (real ffmpeg)', () => {
  it('probes duration, exact frame count and streams', async () => {
    await withTempDir('probe', async (dir) => {
      const file = join(dir, 'in.mp4');
      await generateTestVideo(file, { durationS: 2, fps: 25, width: 320, height: 240 });
      const info = await probeVideo(file);
      expect(info.video).toMatchObject({ width: 320, height: 240, fps: 25, frameCount: 50, codec: 'h264' });
      expect(info.audio).toMatchObject({ sampleRate: 16000, channels: 1 });
      expect(info.durationS).toBeCloseTo(2, 0);
    });
  });

  it('decodes mono audio with its offset kept, and frames of the requested size', async () => {
    await withTempDir('decode', async (dir) => {
      const file = join(dir, 'in.mp4');
      await generateTestVideo(file, { durationS: 1, fps: 10 });
      const samples = await decodeAudio(file, 16000);
      expect(samples.length).toBeGreaterThan(15000);
      expect(Math.max(...samples.subarray(4000, 8000))).toBeGreaterThan(0.1); // the tone is there
      const frames: number[] = [];
      for await (const frame of decodeFrames(file, { width: 32, height: 24 })) frames.push(frame.length);
      expect(frames).toEqual(Array.from({ length: 10 }, () => 32 * 24 * 3));
    });
  });

  it('reports non-video bytes, audio-only files and truncated files as media errors', async () => {
    await withTempDir('bad', async (dir) => {
      const text = join(dir, 'notes.mp4');
      await writeFile(text, 'this is not a video');
      await expect(probeVideo(text)).rejects.toMatchObject({ code: 'invalid_media' });

      const audioOnly = join(dir, 'audio.m4a');
      await generateTestVideo(join(dir, 'src.mp4'), { durationS: 1 });
      await streamProcess('ffmpeg', ['-v', 'error', '-i', join(dir, 'src.mp4'), '-vn', '-c:a', 'copy', audioOnly]).done;
      await expect(probeVideo(audioOnly)).rejects.toMatchObject({ code: 'no_video_stream' });

      const truncated = join(dir, 'cut.mp4');
      await generateTestVideo(truncated, { durationS: 1 });
      await truncate(truncated, Math.floor((await stat(truncated)).size / 3));
      await expect(probeVideo(truncated)).rejects.toBeInstanceOf(MediaError);
    });
  });

  it('kills the tool when the signal aborts', async () => {
    const controller = new AbortController();
    const { done } = streamProcess('ffmpeg', ['-v', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=duration=60', '-f', 'null', '-'], { signal: controller.signal });
    controller.abort(new Error('cancelled'));
    await expect(done).rejects.toThrow('cancelled');
  });

  it('removes its temp directory however the work ends', async () => {
    let kept = '';
    await expect(withTempDir('gone', async (dir) => {
      kept = dir;
      await writeFile(join(dir, 'x'), 'x');
      throw new Error('boom');
    })).rejects.toThrow('boom');
    await expect(stat(kept)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('probes a file with no streams at all as invalid', async () => {
    await expect(probeMedia('/nonexistent/file.mp4')).rejects.toMatchObject({ code: 'invalid_media' });
  });
});
