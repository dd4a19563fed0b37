import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { probeMedia, runProcess } from '@jetjobs/media';
import { runPool } from '../transcription/run-pool';
import { TALK_PARAGRAPHS } from './talk-script';

export interface TalkVideoOptions {
  /** Paragraphs of speech, cycling through the script; omit (with `silentS`) for no audio. */
  readonly paragraphs?: number;
  /** Length of a video without an audio track. */
  readonly silentS?: number;
  readonly width?: number;
  readonly height?: number;
  /** Scratch directory for the speech files (the video's own directory will do). */
  readonly dir: string;
}

export interface TalkVideo {
  readonly durationS: number;
  /** What is said, in order. */
  readonly spoken: readonly string[];
}

const GAP_S = 0.8;
const PATTERNS = ['testsrc2', 'smptebars', 'rgbtestsrc', 'color=c=0x1f4e79', 'pal100bars', 'testsrc', 'color=c=0x7a2e12', 'yuvtestsrc', 'smptehdbars'];
/** Shot lengths cycle through these: the cuts fall anywhere, not only between paragraphs. */
const SHOT_S = [13, 21, 17, 9, 24, 15, 11, 19];

/**
 * A talk made at test time: flite paragraphs (voice slt, ~9 % word error with pocketsphinx)
 * separated by short silences, over test-pattern shots with hard cuts between them.
 */
export async function generateTalkVideo(path: string, options: TalkVideoOptions): Promise<TalkVideo> {
  const { width = 640, height = 360 } = options;
  const spoken = Array.from({ length: options.paragraphs ?? 0 }, (_, i) => TALK_PARAGRAPHS[i % TALK_PARAGRAPHS.length] as string);
  const speech = spoken.length > 0 ? await synthesise(spoken, options.dir) : null;
  const durationS = speech ? (await probeMedia(speech)).durationS : (options.silentS ?? 30);
  const inputs = speech ? ['-i', speech] : [];
  const audio = speech ? ['-map', '0:a', '-c:a', 'aac', '-b:a', '96k'] : ['-an'];
  await runProcess('ffmpeg', [
    '-v', 'error', '-y', ...inputs, '-filter_complex', shots(durationS, width, height), '-map', '[v]', ...audio,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30', '-pix_fmt', 'yuv420p', '-t', String(durationS), path,
  ]);
  return { durationS, spoken };
}

/** One wav: each paragraph spoken by flite, with a pause between paragraphs. */
async function synthesise(paragraphs: readonly string[], dir: string): Promise<string> {
  const silence = join(dir, 'gap.wav');
  await runProcess('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', String(GAP_S), '-c:a', 'pcm_s16le', silence]);
  const files = await runPool(paragraphs, 2, new AbortController().signal, async (text, i) => {
    const file = join(dir, `paragraph-${i}.wav`);
    await runProcess('flite', ['-voice', 'slt', '-t', text, '-o', file]);
    return file;
  });
  const list = join(dir, 'speech.txt');
  await writeFile(list, files.flatMap((file) => [`file '${file}'`, `file '${silence}'`]).join('\n'));
  const speech = join(dir, 'speech.wav');
  await runProcess('ffmpeg', ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c:a', 'pcm_s16le', '-ar', '16000', '-ac', '1', speech]);
  return speech;
}

/** A filter graph of test-pattern shots covering `durationS`, joined with hard cuts into [v]. */
function shots(durationS: number, width: number, height: number): string {
  const parts: string[] = [];
  let covered = 0;
  for (let i = 0; covered < durationS; i++) {
    const length = Math.min(SHOT_S[i % SHOT_S.length] as number, durationS - covered + 1);
    const pattern = PATTERNS[i % PATTERNS.length] as string;
    const separator = pattern.includes('=') ? ':' : '=';
    parts.push(`${pattern}${separator}size=${width}x${height}:rate=25:duration=${length},format=yuv420p[s${i}]`);
    covered += length;
  }
  const labels = parts.map((_, i) => `[s${i}]`).join('');
  return `${parts.join(';')};${labels}concat=n=${parts.length}:v=1:a=0[v]`;
}
