import { mkdir, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTestVideo } from '@jetjobs/testing';
import { assertWithinLimits, probeVideo, runProcess, sweepStaleTempDirs, ToolFailedError, withTempDir } from './index';

const endless = ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240', '-f', 'null', '-'];

describe('bounded media tools (real ffmpeg)', () => {
  it('kills a tool that runs past its time limit, and says so', async () => {
    const error = await runProcess('ffmpeg', ['-re', ...endless], { limits: { timeoutMs: 300 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolFailedError);
    expect(error).toMatchObject({ reason: 'timeout' });
  });

  it('runs a tool under a CPU limit that stops it', async () => {
    const error = await runProcess('ffmpeg', ['-threads', '1', ...endless], { limits: { cpuSeconds: 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'resource_limit' });
  });

  it('refuses to decode a picture over the pixel limit, and decodes it within', async () => {
    await withTempDir('pixels', async (dir) => {
      const file = join(dir, 'in.mp4');
      await generateTestVideo(file, { durationS: 1, width: 64, height: 48, audio: 'none' });
      await expect(runProcess('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { limits: { maxPixels: 64 * 47 } })).rejects.toThrow(/max pixel count/);
      await expect(runProcess('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { limits: { maxPixels: 64 * 48 } })).resolves.toBeDefined();
    });
  });

  it('finds a video over the duration, pixel or frame limit right after probing', async () => {
    await withTempDir('limits', async (dir) => {
      const file = join(dir, 'in.mp4');
      await generateTestVideo(file, { durationS: 3, fps: 10, width: 16, height: 16, audio: 'none' });
      const info = await probeVideo(file);
      const roomy = { maxDurationS: 10, maxPixels: 256, maxFrames: 30 };
      expect(() => assertWithinLimits(info, roomy)).not.toThrow();
      expect(() => assertWithinLimits(info, { ...roomy, maxDurationS: 2 })).toThrow(expect.objectContaining({ code: 'media_too_long', message: 'The media is 3 s long; this service accepts at most 2 s' }));
      expect(() => assertWithinLimits(info, { ...roomy, maxPixels: 255 })).toThrow(expect.objectContaining({ code: 'media_too_large' }));
      expect(() => assertWithinLimits(info, { ...roomy, maxFrames: 29 })).toThrow(expect.objectContaining({ code: 'media_too_long', message: 'The video has 30 frames; this service accepts at most 29' }));
    });
  });

  it('sweeps job folders left by a dead process or too old, and keeps live ones', async () => {
    await withTempDir('sweep-root', async (root) => {
      const dead = await runProcess('sh', ['-c', 'echo $$']).then((r) => Number(r.stdout.trim()));
      const orphan = join(root, `jetjobs-moderation-${dead}-abc123`);
      const live = join(root, `jetjobs-moderation-${process.pid}-def456`);
      const ancient = join(root, `jetjobs-clipper-${process.pid}-ghi789`);
      const unrelated = join(root, 'other-folder');
      for (const dir of [orphan, live, ancient, unrelated]) await mkdir(dir);
      const dayAgo = new Date(Date.now() - 86_400_000);
      await utimes(ancient, dayAgo, dayAgo);
      await utimes(unrelated, dayAgo, dayAgo);

      expect((await sweepStaleTempDirs(3_600_000, root)).sort()).toEqual([ancient, orphan].sort());
      await expect(stat(live)).resolves.toBeDefined();
      await expect(stat(unrelated)).resolves.toBeDefined();
    });
  });
});
