import { runProcess } from '@jetjobs/media';

export interface TestVideoOptions {
  readonly durationS?: number;
  readonly fps?: number;
  readonly width?: number;
  readonly height?: number;
  /** A sine tone, flite speech from a text, or no audio track at all. */
  readonly audio?: 'tone' | 'none' | { readonly speech: string };
  /** ffmpeg lavfi video source, e.g. `testsrc2`, `smptebars`, `color=c=blue`. */
  readonly pattern?: string;
}

/**
 * Writes a small real video made at test time with ffmpeg (and flite for speech), so no binary
 * fixture is committed. Speech is synthesised to a temp wav next to the output first.
 */
export async function generateTestVideo(path: string, options: TestVideoOptions = {}): Promise<void> {
  const { durationS = 2, fps = 25, width = 320, height = 240, audio = 'tone', pattern = 'testsrc2' } = options;
  const inputs = ['-f', 'lavfi', '-i', `${pattern}=size=${width}x${height}:rate=${fps}:duration=${durationS}`];
  if (audio === 'tone') inputs.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=16000:duration=${durationS}`);
  if (typeof audio === 'object') {
    const wav = `${path}.speech.wav`;
    await runProcess('flite', ['-voice', 'slt', '-t', audio.speech, '-o', wav]);
    inputs.push('-i', wav);
  }
  const audioCodec = audio === 'none' ? ['-an'] : ['-c:a', 'aac', '-shortest'];
  await runProcess('ffmpeg', ['-v', 'error', '-y', ...inputs, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...audioCodec, '-t', String(durationS), path]);
}

/**
 * An mp4 cut short before its index (`moov`, written last without faststart): what a download that
 * stopped early looks like. Every tool refuses it with "moov atom not found".
 */
export async function generateTruncatedMp4(path: string): Promise<void> {
  const whole = `${path}.whole.mp4`;
  await generateTestVideo(whole, { durationS: 1, width: 64, height: 48 });
  const { readFile, writeFile, rm } = await import('node:fs/promises');
  const bytes = await readFile(whole);
  await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await rm(whole, { force: true });
}
