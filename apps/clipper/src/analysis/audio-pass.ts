import { join } from 'node:path';
import { runProcess } from '@jetjobs/media';
import { AudioLogParser } from './audio-log-parser';
import type { LoudnessSeries, Pause } from './signals';

export interface AudioPass {
  /** 16 kHz mono 16-bit wav of the whole soundtrack, as the recognisers want it. */
  readonly wavFile: string;
  readonly pauses: Pause[];
  readonly loudness: LoudnessSeries;
}

/** Pauses this long separate sentences (flite leaves ~0.2 s, people 0.3–0.8 s). */
const PAUSE_MIN_S = 0.2;
const PAUSE_NOISE = '-35dB';

/**
 * One decode of the soundtrack gives the transcription wav, the pauses and the loudness.
 * `aresample=async=1:first_pts=0` keeps the audio's start offset, so every time found here is a
 * time in the video.
 */
export async function runAudioPass(input: string, dir: string, durationS: number, signal: AbortSignal): Promise<AudioPass> {
  const wavFile = join(dir, 'audio-16k.wav');
  const parser = new AudioLogParser();
  const filters = [
    'aresample=async=1:first_pts=0',
    'aformat=sample_fmts=s16:sample_rates=16000:channel_layouts=mono',
    `silencedetect=noise=${PAUSE_NOISE}:d=${PAUSE_MIN_S}`,
    'ebur128=framelog=info',
  ].join(',');
  const args = ['-hide_banner', '-nostats', '-nostdin', '-i', input, '-vn', '-af', filters, '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', '-y', wavFile];
  await runProcess('ffmpeg', args, { signal, onStderrLine: (line) => parser.onLine(line) });
  return { wavFile, ...parser.result(durationS) };
}
