import { localInputArgs, type InputFormat } from './input-format';
import { streamProcess, type RunOptions } from './run-process';

/**
 * Decodes the audio as mono float samples at `sampleRate`. `aresample=async=1:first_pts=0` keeps
 * the audio's start offset (padding with silence), without which audio and video drift apart and
 * any audio-visual analysis is wrong.
 */
export async function decodeAudio(file: string, sampleRate: number, options: RunOptions & InputFormat = {}): Promise<Float32Array> {
  const args = ['-v', 'error', ...localInputArgs(options), '-i', file, '-vn', '-af', 'aresample=async=1:first_pts=0', '-ac', '1', '-ar', String(sampleRate), '-f', 's16le', '-'];
  const { stdout, done } = streamProcess('ffmpeg', args, options);
  const chunks: Buffer[] = [];
  for await (const chunk of stdout) chunks.push(chunk as Buffer);
  await done;
  const bytes = Buffer.concat(chunks);
  const samples = new Float32Array(Math.floor(bytes.length / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2) / 32768;
  return samples;
}

export interface FrameOptions extends RunOptions, InputFormat {
  readonly width: number;
  readonly height: number;
  /** Frames per second to sample; omit to decode every frame. */
  readonly fps?: number;
  /** Extra filters placed before scaling, e.g. a `select` expression. */
  readonly filters?: readonly string[];
}

/** Streams decoded RGB24 frames of exactly width×height×3 bytes each, one at a time. */
export async function* decodeFrames(file: string, options: FrameOptions): AsyncGenerator<Buffer> {
  const filters = [...(options.filters ?? []), ...(options.fps ? [`fps=${options.fps}`] : []), `scale=${options.width}:${options.height}`];
  const args = ['-v', 'error', ...localInputArgs(options), '-i', file, '-an', '-vf', filters.join(','), '-vsync', '0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];
  const { stdout, done } = streamProcess('ffmpeg', args, options);
  const frameBytes = options.width * options.height * 3;
  let pending: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of stdout) {
      pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
      while (pending.length >= frameBytes) {
        yield pending.subarray(0, frameBytes);
        pending = pending.subarray(frameBytes);
      }
    }
    await done;
  } finally {
    stdout.destroy();
    await done.catch(() => undefined);
  }
}
