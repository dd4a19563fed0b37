import { runProcess } from '@jetjobs/media';

export interface ClipFileInfo {
  readonly durationS: number;
  readonly width: number;
  readonly height: number;
  readonly hasAudio: boolean;
}

/** What ffprobe says about a rendered file, after ffmpeg has decoded every frame of it. */
export async function probeRenderedClip(file: string): Promise<ClipFileInfo> {
  await runProcess('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
  const { stdout } = await runProcess('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,width,height', '-of', 'json', file]);
  const parsed = JSON.parse(stdout) as { format: { duration: string }; streams: { codec_type: string; width?: number; height?: number }[] };
  const video = parsed.streams.find((s) => s.codec_type === 'video');
  return {
    durationS: Number(parsed.format.duration),
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    hasAudio: parsed.streams.some((s) => s.codec_type === 'audio'),
  };
}
