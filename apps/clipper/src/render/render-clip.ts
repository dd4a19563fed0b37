import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess } from '@jetjobs/media';
import type { CaptionCue } from './caption-cues';
import { videoFilters, type Aspect } from './video-filters';

export interface RenderRequest {
  readonly input: string;
  readonly start: number;
  readonly end: number;
  readonly aspect: Aspect;
  readonly hasAudio: boolean;
  /** Captions to burn in, timed from the clip's start; empty for none. */
  readonly cues: readonly CaptionCue[];
  /** Where the clip, its thumbnail and caption text files are written. */
  readonly dir: string;
  /** Base name of the outputs: `<name>.mp4` and `<name>.jpg`. */
  readonly name: string;
  readonly signal: AbortSignal;
}

/**
 * Re-encodes [start, end) exactly: seeking before the input decodes from the previous keyframe
 * and drops frames up to `start`, so the clip starts on the requested frame (a stream copy would
 * start at the keyframe instead). Then takes a thumbnail from the clip's middle.
 */
export async function renderClip(request: RenderRequest): Promise<{ video: string; thumbnail: string }> {
  const video = join(request.dir, `${request.name}.mp4`);
  const thumbnail = join(request.dir, `${request.name}.jpg`);
  const cues = await Promise.all(
    request.cues.map(async (cue, i) => {
      const file = join(request.dir, `${request.name}-cue-${i}.txt`);
      await writeFile(file, cue.text);
      return { ...cue, file };
    }),
  );
  const audio = request.hasAudio ? ['-map', '0:a:0', '-c:a', 'aac', '-b:a', '128k'] : ['-an'];
  await runProcess('ffmpeg', [
    '-hide_banner', '-nostdin', '-v', 'error',
    '-ss', String(request.start), '-to', String(request.end), '-i', request.input,
    '-map', '0:v:0', ...audio, '-sn', '-dn',
    '-vf', videoFilters(request.aspect, cues),
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p',
    '-movflags', '+faststart', '-y', video,
  ], { signal: request.signal });
  const middle = ((request.end - request.start) / 2).toFixed(2);
  await runProcess('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-ss', middle, '-i', video, '-frames:v', '1', '-q:v', '3', '-y', thumbnail], { signal: request.signal });
  return { video, thumbnail };
}
