import { dirname, join } from 'node:path';
import { runProcess } from '@jetjobs/media';

/** One stretch of a composed test video: an ffmpeg test pattern or a still image. */
export type Segment = { readonly pattern: string; readonly seconds: number } | { readonly image: string; readonly seconds: number };

/**
 * Demo photos shipped in `@vladmandic/face-api`. `groupOnStairs` is a benign, clothed group photo
 * that nsfwjs's default model scores as Porn (~0.6): the false positive the persistence rule
 * exists for, and a real flagged path without any explicit material. `portrait` scores Neutral.
 */
export const PHOTOS = {
  groupOnStairs: photo('sample5.jpg'),
  portrait: photo('sample1.jpg'),
};

function photo(name: string): string {
  return join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', name);
}

/**
 * Writes a 25 fps H.264 video (640×480 unless `size` says otherwise) made of the segments in
 * order (images letterboxed), with flite speech when `speech` is given. Made at test time: no
 * binary fixture is committed.
 */
export async function composeVideo(path: string, segments: readonly Segment[], options: { speech?: string; size?: string } = {}): Promise<void> {
  const { speech, size = '640x480' } = options;
  const [width, height] = size.split('x');
  const inputs: string[] = [];
  const chains: string[] = [];
  segments.forEach((segment, i) => {
    if ('pattern' in segment) inputs.push('-f', 'lavfi', '-i', `${segment.pattern}=size=${size}:rate=25:duration=${segment.seconds}`);
    else inputs.push('-loop', '1', '-framerate', '25', '-t', String(segment.seconds), '-i', segment.image);
    chains.push(`[${i}:v]scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=25,format=yuv420p[v${i}]`);
  });
  const concat = `${segments.map((_, i) => `[v${i}]`).join('')}concat=n=${segments.length}:v=1:a=0[v]`;
  const audio: string[] = [];
  if (speech !== undefined) {
    const wav = `${path}.speech.wav`;
    await runProcess('flite', ['-voice', 'slt', '-t', speech, '-o', wav]);
    inputs.push('-i', wav);
    audio.push('-map', `${segments.length}:a`, '-c:a', 'aac');
  }
  await runProcess('ffmpeg', [
    '-v', 'error', '-y', ...inputs, '-filter_complex', [...chains, concat].join(';'), '-map', '[v]', ...audio,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-pix_fmt', 'yuv420p', path,
  ]);
}
