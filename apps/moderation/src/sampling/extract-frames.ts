import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { asDecodeFailure, MediaError, streamProcess } from '@jetjobs/media';
import type { PlannedSample } from './sample-plan';
import { selectFramesExpression } from './select-expression';

/** What a classifier wants to see of a frame. */
export type FrameFormat =
  /** RGB24 bytes, letterboxed (aspect kept, black bars) into exactly width×height. */
  | { readonly kind: 'rgb'; readonly width: number; readonly height: number }
  /** A JPEG no larger than maxSide on either side (aspect kept). */
  | { readonly kind: 'jpeg'; readonly maxSide: number };

export interface ExtractedFrame {
  readonly sample: PlannedSample;
  readonly data: Buffer;
}

/**
 * Decodes the planned frames, and only those, in one ffmpeg pass, yielding each as soon as it is
 * out: classification of one frame overlaps decoding of the next. The selection goes through a
 * filter script file because an hour of samples is a longer expression than one command-line
 * argument may be. Aborting the signal kills ffmpeg.
 */
export async function* extractFrames(file: string, plan: readonly PlannedSample[], format: FrameFormat, dir: string, signal?: AbortSignal): AsyncGenerator<ExtractedFrame> {
  const script = join(dir, 'sample-frames.ffscript');
  await writeFile(script, `select='${selectFramesExpression(plan.map((s) => s.frame))}',${formatFilters(format)}`);
  const output = format.kind === 'rgb' ? ['-f', 'rawvideo', '-pix_fmt', 'rgb24'] : ['-f', 'image2pipe', '-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p', '-q:v', '3'];
  // One decoding thread: the classification threads already keep the cores busy, and ffmpeg's
  // frame threads would add ~20 % more CPU for the same frames.
  const args = ['-v', 'error', '-nostdin', '-threads', '1', '-i', file, '-map', '0:v:0', '-an', '-sn', '-dn', '-filter_script:v', script, '-fps_mode', 'passthrough', ...output, 'pipe:1'];
  const { stdout, done } = streamProcess('ffmpeg', args, { signal });
  // Lets ffmpeg decode up to PREFETCH_BYTES ahead while frames are being classified.
  const ahead = stdout.pipe(new PassThrough({ highWaterMark: PREFETCH_BYTES }));
  let index = 0;
  try {
    const frames = format.kind === 'rgb' ? fixedSizeChunks(ahead, format.width * format.height * 3) : jpegImages(ahead);
    for await (const data of frames) {
      const sample = plan[index++];
      if (!sample) break;
      yield { sample, data };
    }
    await done;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw asDecodeFailure(error, 'Decoding the sampled frames failed');
  } finally {
    ahead.destroy();
    stdout.destroy();
    await done.catch(() => undefined);
  }
  if (index < plan.length) throw new MediaError('invalid_media', `The video ended after ${index} of ${plan.length} sampled frames`);
}

function formatFilters(format: FrameFormat): string {
  if (format.kind === 'jpeg') {
    const side = format.maxSide;
    return `scale=w=${side}:h=${side}:force_original_aspect_ratio=decrease:force_divisible_by=2,setsar=1`;
  }
  const { width: w, height: h } = format;
  return `scale=w=${w}:h=${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2,setsar=1`;
}

async function* fixedSizeChunks(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    while (pending.length >= size) {
      yield Buffer.from(pending.subarray(0, size));
      pending = pending.subarray(size);
    }
  }
}

/**
 * Splits ffmpeg's MJPEG stream into images at each end-of-image marker (FF D9). Safe for what
 * ffmpeg writes: entropy-coded data stuffs every FF byte with 00, and it embeds no thumbnails.
 */
async function* jpegImages(stream: Readable): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    const searchFrom = Math.max(0, pending.length - 1);
    pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    let from = searchFrom;
    let end: number;
    while ((end = pending.indexOf(EOI, from)) >= 0) {
      yield Buffer.from(pending.subarray(0, end + 2));
      pending = pending.subarray(end + 2);
      from = 0;
    }
  }
}

const EOI = Buffer.from([0xff, 0xd9]);
const PREFETCH_BYTES = 8 * 1024 ** 2;
