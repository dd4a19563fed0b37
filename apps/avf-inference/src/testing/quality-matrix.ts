import { runProcess } from '@jetjobs/media';
import { generateTalkingHead, type TalkingHeadOptions } from './talking-head';

/** A delivery quality: how a platform re-encodes an upload. */
export interface DeliveryQuality {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly crf: number;
  readonly audioKbps: number;
  /** Output frame rate when the platform lowers it. */
  readonly fps?: number;
}

/** What the clip does to the picture or the sound; `expected` is what an honest verdict is. */
export interface MatrixCase {
  readonly name: string;
  /** `in_sync`: never fake. `desync`: fake at good quality, fake or inconclusive at the worst. `fake`: fake throughout. */
  readonly expected: 'in_sync' | 'desync' | 'fake';
  readonly head: Pick<TalkingHeadOptions, 'audioDelayS' | 'still'> & { readonly dubbed?: boolean };
}

export const QUALITIES: readonly DeliveryQuality[] = [
  { name: '640x360 CRF 20', width: 640, height: 360, crf: 20, audioKbps: 128 },
  { name: '480x270 CRF 30', width: 480, height: 270, crf: 30, audioKbps: 64 },
  { name: '320x180 CRF 38', width: 320, height: 180, crf: 38, audioKbps: 32 },
  { name: '854x480 CRF 28 12 fps', width: 854, height: 480, crf: 28, audioKbps: 96, fps: 12 },
];

/** The two qualities at which a desync must be caught, not merely suspected. */
export const WORST_QUALITY = '320x180 CRF 38';

export const SPEECH = [
  'The quick brown fox jumps over the lazy dog, and then it runs away into the forest.',
  'Please remember to buy milk, bread and seven large apples on your way home tonight.',
  'Our quarterly results were better than expected, thanks to strong sales in every region.',
  'When the rain stopped, the children ran outside to play in the puddles near the old bridge.',
];

export const CASES: readonly MatrixCase[] = [
  { name: 'in sync', expected: 'in_sync', head: {} },
  { name: 'audio lag 0.2 s', expected: 'desync', head: { audioDelayS: 0.2 } },
  { name: 'audio lead 0.15 s', expected: 'desync', head: { audioDelayS: -0.15 } },
  { name: 'audio lag 0.6 s', expected: 'desync', head: { audioDelayS: 0.6 } },
  { name: 'dubbed', expected: 'fake', head: { dubbed: true } },
  { name: 'still image', expected: 'fake', head: { still: true } },
];

/**
 * Makes one case as a 640x360 25 fps master with the project's talking-head maker (as the tests'
 * clips are made), speaking the first `sentences` of SPEECH for `seconds`, so every quality is a
 * re-encode of the same clip, as a platform's copies are. A dub's mouth says the next sentence at
 * each place (other syllables).
 */
export async function generateMaster(path: string, matrixCase: MatrixCase, sentences: number, seconds: number): Promise<void> {
  const said = SPEECH.slice(0, sentences);
  const other = said.map((_, i) => SPEECH[(i + 1) % SPEECH.length]);
  const { dubbed, ...head } = matrixCase.head;
  await generateTalkingHead(path, { width: 640, height: 360, frames: Math.round(seconds * 25), speech: said.join(' '), ...head, mouthSpeech: dubbed ? other.join(' ') : undefined });
}

/** Re-encodes `master` at a delivery quality: scale, optional frame rate, x264 CRF, AAC bitrate. */
export async function deliver(master: string, path: string, quality: DeliveryQuality): Promise<void> {
  const filters = [`scale=${quality.width}:${quality.height}`, ...(quality.fps ? [`fps=${quality.fps}`] : [])];
  await runProcess('ffmpeg', [
    '-v', 'error', '-y', '-i', master, '-vf', filters.join(','),
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(quality.crf), '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', `${quality.audioKbps}k`, '-movflags', '+faststart', path,
  ]);
}

/** What a verdict amounts to for the matrix: inconclusive covers both "nothing to compare" and "too weak to tell". */
export type MatrixOutcome = 'real' | 'fake' | 'inconclusive';

/** Whether an outcome is what the issue asks of a case at a quality (see `MatrixCase.expected`). */
export function meetsExpectation(matrixCase: MatrixCase, quality: DeliveryQuality, outcome: MatrixOutcome): boolean {
  if (matrixCase.expected === 'in_sync') return outcome !== 'fake';
  if (matrixCase.expected === 'fake') return outcome === 'fake';
  return outcome === 'fake' || (quality.name === WORST_QUALITY && outcome === 'inconclusive');
}
