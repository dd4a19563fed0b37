import { join } from 'node:path';
import { runProcess, withTempDir } from '@jetjobs/media';
import { extractFrames } from '../sampling/extract-frames';
import { unjudgedReason } from './frame-judgeability';

/** The frame the local model sees: letterboxed into 224×224 by the pipeline's own extraction. */
const FORMAT = { kind: 'rgb', width: 224, height: 224 } as const;

/** One second of a test pattern through `filters`, encoded as platforms deliver it. */
async function clip(path: string, filters: string): Promise<void> {
  await runProcess('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=1', '-vf', `${filters},format=yuv420p`, '-c:v', 'libx264', '-preset', 'ultrafast', path]);
}

async function judgeFirstFrame(dir: string, name: string, filters: string) {
  const file = join(dir, `${name}.mp4`);
  await clip(file, filters);
  for await (const frame of extractFrames(file, [{ frame: 0, timestamp: 0, onInterval: true, sceneCut: false }], FORMAT, dir)) {
    return unjudgedReason(frame.data, FORMAT.width, FORMAT.height);
  }
  throw new Error(`no frame decoded from ${name}`);
}

describe('frames the model cannot judge, through the real letterboxing (ffmpeg)', () => {
  it('judges a sharp picture, a dim one and a widescreen one, but not a black, blurred, blown-up or sliver one', async () => {
    await withTempDir('judgeability', async (dir) => {
      expect(await judgeFirstFrame(dir, 'sharp', 'null')).toBeNull();
      expect(await judgeFirstFrame(dir, 'dim', 'eq=brightness=-0.3')).toBeNull();
      expect(await judgeFirstFrame(dir, 'wide', 'scale=640:160')).toBeNull();
      expect(await judgeFirstFrame(dir, 'black', 'drawbox=color=black:t=fill')).toBe('dark');
      expect(await judgeFirstFrame(dir, 'blurred', 'gblur=sigma=30')).toBe('blurred');
      expect(await judgeFirstFrame(dir, 'thumbnail', 'scale=16:9,scale=640:360')).toBe('blurred');
      expect(await judgeFirstFrame(dir, 'sliver', 'scale=640:12,pad=640:360:0:174')).toBe('tiny');
    });
  });
});
