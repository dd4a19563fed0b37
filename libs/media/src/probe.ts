import { z } from 'zod';
import { MediaError } from './media-error';
import { localInputArgs, type InputFormat } from './input-format';
import { runProcess, ToolFailedError, type RunOptions } from './run-process';
import { describeToolFailure } from './tool-failure';

export interface MediaInfo {
  readonly durationS: number;
  readonly video: { readonly width: number; readonly height: number; readonly fps: number; readonly frameCount: number; readonly codec: string } | null;
  readonly audio: { readonly sampleRate: number; readonly channels: number; readonly codec: string } | null;
}

const streamSchema = z.object({
  codec_type: z.string(),
  codec_name: z.string().default('unknown'),
  width: z.number().optional(),
  height: z.number().optional(),
  avg_frame_rate: z.string().optional(),
  r_frame_rate: z.string().optional(),
  nb_read_packets: z.string().optional(),
  sample_rate: z.string().optional(),
  channels: z.number().optional(),
});
const probeSchema = z.object({
  streams: z.array(streamSchema).default([]),
  format: z.object({ duration: z.string().optional() }).default({}),
});

/**
 * Reads duration, streams and the exact video frame count. Counting packets costs a pass over the
 * file (~0.1 s per minute) but is the only count that is right for mkv/webm, where nb_frames is N/A.
 */
export async function probeMedia(file: string, options: RunOptions & InputFormat = {}): Promise<MediaInfo> {
  const args = ['-v', 'error', ...localInputArgs(options), '-count_packets', '-show_entries',
    'stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate,nb_read_packets,sample_rate,channels:format=duration',
    '-of', 'json', file];
  let stdout: string;
  try {
    ({ stdout } = await runProcess('ffprobe', args, options));
  } catch (error) {
    if (error instanceof ToolFailedError) throw describeToolFailure(error, 'The file is not a readable video', 'invalid_media');
    throw error;
  }
  const parsed = probeSchema.parse(JSON.parse(stdout));
  const video = parsed.streams.find((s) => s.codec_type === 'video');
  const audio = parsed.streams.find((s) => s.codec_type === 'audio');
  return {
    durationS: Number(parsed.format.duration ?? 0),
    video: video
      ? {
          width: video.width ?? 0,
          height: video.height ?? 0,
          fps: rate(video.avg_frame_rate) || rate(video.r_frame_rate),
          frameCount: Number(video.nb_read_packets ?? 0),
          codec: video.codec_name,
        }
      : null,
    audio: audio ? { sampleRate: Number(audio.sample_rate ?? 0), channels: audio.channels ?? 0, codec: audio.codec_name } : null,
  };
}

/** Probes and insists on a video stream with frames: the common precondition of every worker. */
export async function probeVideo(file: string, options: RunOptions & InputFormat = {}): Promise<MediaInfo & { video: NonNullable<MediaInfo['video']> }> {
  const info = await probeMedia(file, options);
  if (info.video === null || info.video.frameCount === 0) {
    throw new MediaError('no_video_stream', 'The file has no video frames (an audio-only file, or a truncated video)');
  }
  return { ...info, video: info.video };
}

function rate(text: string | undefined): number {
  if (!text) return 0;
  const [num, den] = text.split('/').map(Number);
  return den ? (num ?? 0) / den : (num ?? 0);
}
