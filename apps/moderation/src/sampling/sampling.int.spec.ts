import { join } from 'node:path';
import { runProcess, withTempDir } from '@jetjobs/media';
import { extractFrames } from './extract-frames';
import { planSamples, type PlannedSample } from './sample-plan';
import { scanFrames } from './scan-frames';

/** A test pattern, inverted from `cutS` on: one hard scene cut. */
async function videoWithCut(path: string, seconds: number, cutS: number, size = '160x120'): Promise<void> {
  await runProcess('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25:duration=${seconds}`,
    '-vf', `negate=enable='gte(t\\,${cutS})'`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path]);
}

async function collect(frames: AsyncIterable<{ sample: PlannedSample; data: Buffer }>) {
  const seen: Array<{ sample: PlannedSample; data: Buffer }> = [];
  for await (const frame of frames) seen.push(frame);
  return seen;
}

describe('sampling with real ffmpeg', () => {
  it('scans every frame, plans interval and scene-cut samples, and decodes exactly those', async () => {
    await withTempDir('sampling', async (dir) => {
      const file = join(dir, 'cut.mp4');
      await videoWithCut(file, 5, 2.52);
      const scan = await scanFrames(file);
      expect(scan.times).toHaveLength(125);
      const plan = planSamples(scan, { intervalS: 1, sceneThreshold: 0.1, minSceneS: 1 });
      expect(plan.map((s) => [s.frame, s.timestamp, s.sceneCut])).toEqual([[0, 0, false], [25, 1, false], [50, 2, false], [63, 2.52, true], [75, 3, false], [100, 4, false]]);

      const rgb = await collect(extractFrames(file, plan, { kind: 'rgb', width: 32, height: 32 }, dir));
      expect(rgb.map((f) => f.sample)).toEqual(plan);
      expect(rgb.every((f) => f.data.length === 32 * 32 * 3)).toBe(true);
      // Letterboxed: 4:3 into a square leaves black rows at the top.
      expect(rgb[0]?.data.subarray(0, 32 * 3).every((v) => v < 20)).toBe(true);

      const jpegs = await collect(extractFrames(file, plan, { kind: 'jpeg', maxSide: 64 }, dir));
      expect(jpegs).toHaveLength(plan.length);
      expect(jpegs.every((f) => f.data[0] === 0xff && f.data[1] === 0xd8 && f.data.at(-2) === 0xff && f.data.at(-1) === 0xd9)).toBe(true);
    });
  });

  it('selects a thousand frames by number in one pass', async () => {
    await withTempDir('sampling-many', async (dir) => {
      const file = join(dir, 'long.mp4');
      await videoWithCut(file, 80, 1000, '32x24');
      const plan = (await scanFrames(file)).times.flatMap((timestamp, frame) => (frame % 2 === 0 ? [{ frame, timestamp, onInterval: true, sceneCut: false }] : []));
      expect(plan).toHaveLength(1000);
      expect(await collect(extractFrames(file, plan, { kind: 'rgb', width: 8, height: 8 }, dir))).toHaveLength(1000);
    });
  });

  it('reports a file that is not a video as invalid media', async () => {
    await expect(scanFrames(join(__dirname, 'sample-plan.ts'))).rejects.toMatchObject({ code: 'invalid_media' });
  });
});
