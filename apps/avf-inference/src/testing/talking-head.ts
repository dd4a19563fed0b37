import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { decodeAudio, runProcess, streamProcess } from '@jetjobs/media';
import { frameEnergy } from '../analysis/audio-envelope';

/**
 * A face photo shipped in `@vladmandic/face-api` (demo/sample3.jpg): a frontal face with a closed
 * mouth. Coordinates are in the photo's pixels: the face centre, the line between the lips, the
 * mouth's half width and the bottom of the chin, read once from the face mesh.
 */
const PHOTO = { file: 'sample3.jpg', width: 1920, height: 1350, face: { x: 695, y: 475 }, lips: { x: 676, y: 536.5, halfWidth: 32 }, chinY: 615 };
const SAMPLE_RATE = 16_000;
/** Widest mouth gap, as a share of the mouth's half width. */
const MAX_GAP = 0.7;
const MOUTH_INSIDE = [70, 25, 30] as const;

export interface TalkingHeadOptions {
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly fps?: number;
  /** What the soundtrack says (flite). */
  readonly speech: string;
  /** What the mouth says, when not the soundtrack (a dubbed video). */
  readonly mouthSpeech?: string;
  /** Delays the soundtrack against the picture; negative: the sound comes early (a lead). */
  readonly audioDelayS?: number;
  /** The mouth never moves (a still image with speech). */
  readonly still?: boolean;
}

/**
 * Writes a synthetic talking head made at test time: the photo, cropped around the face, whose
 * lower lip and jaw drop by the loudness of a flite sentence in each frame. Frames are composed
 * here and piped to ffmpeg as raw video; nothing binary is committed.
 */
export async function generateTalkingHead(path: string, options: TalkingHeadOptions): Promise<void> {
  const fps = options.fps ?? 25;
  const speechWav = `${path}.speech.wav`;
  await runProcess('flite', ['-voice', 'slt', '-t', options.speech, '-o', speechWav]);
  let envelope: Float64Array = new Float64Array(options.frames);
  if (!options.still) {
    const mouthWav = options.mouthSpeech ? `${path}.mouth.wav` : speechWav;
    if (options.mouthSpeech) await runProcess('flite', ['-voice', 'slt', '-t', options.mouthSpeech, '-o', mouthWav]);
    envelope = normalised(frameEnergy(await decodeAudio(mouthWav, SAMPLE_RATE), SAMPLE_RATE, fps, options.frames));
  }
  const portrait = await photoCrop(options.width, options.height);
  const delayS = options.audioDelayS ?? 0;
  // adelay cannot shift backwards: a lead drops the sound's first moments instead.
  const shift = delayS >= 0 ? `adelay=${Math.round(delayS * 1000)}:all=1` : `atrim=start=${-delayS},asetpts=PTS-STARTPTS`;
  const encoder = spawn('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${options.width}x${options.height}`, '-r', String(fps), '-i', 'pipe:0',
    '-i', speechWav,
    '-map', '0:v', '-map', '1:a', '-af', shift,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-t', String(options.frames / fps), path,
  ], { stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = once(encoder, 'close');
  for (let i = 0; i < options.frames; i++) {
    if (!encoder.stdin.write(openMouth(portrait, envelope[i]))) await once(encoder.stdin, 'drain');
  }
  encoder.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`ffmpeg could not encode the talking head (exit ${code})`);
}

interface Portrait {
  readonly pixels: Buffer;
  readonly width: number;
  readonly lips: { readonly x: number; readonly y: number; readonly halfWidth: number };
  readonly chinY: number;
}

/** The photo cropped around the face to the output's aspect ratio and scaled to it. */
async function photoCrop(width: number, height: number): Promise<Portrait> {
  const cropHeight = 540;
  const cropWidth = Math.min(PHOTO.width, Math.round((cropHeight * width) / height));
  const left = Math.max(0, Math.min(PHOTO.width - cropWidth, PHOTO.face.x - cropWidth / 2));
  const top = PHOTO.face.y - cropHeight / 2;
  const file = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', PHOTO.file);
  const { stdout, done } = streamProcess('ffmpeg', ['-v', 'error', '-i', file, '-vf', `crop=${cropWidth}:${cropHeight}:${left}:${top},scale=${width}:${height}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  const chunks: Buffer[] = [];
  for await (const chunk of stdout) chunks.push(chunk as Buffer);
  await done;
  const sx = width / cropWidth;
  const sy = height / cropHeight;
  return {
    pixels: Buffer.concat(chunks),
    width,
    lips: { x: (PHOTO.lips.x - left) * sx, y: (PHOTO.lips.y - top) * sy, halfWidth: PHOTO.lips.halfWidth * sx },
    chinY: (PHOTO.chinY - top) * sy,
  };
}

/**
 * Opens the mouth by `opening` (0..1): under the mouth, each column's lower lip and jaw move
 * down by an elliptic profile, the gap shows the inside of the mouth, and the jaw is squeezed
 * so the chin stays where it was.
 */
function openMouth(portrait: Portrait, opening: number): Buffer {
  const frame = Buffer.from(portrait.pixels);
  const { lips, width } = portrait;
  const top = Math.round(lips.y);
  const bottom = Math.round(portrait.chinY);
  const span = bottom - top;
  for (let x = Math.ceil(lips.x - lips.halfWidth); x <= Math.floor(lips.x + lips.halfWidth); x++) {
    const u = (x - lips.x) / lips.halfWidth;
    const gap = opening * MAX_GAP * lips.halfWidth * Math.sqrt(Math.max(0, 1 - u * u));
    if (gap < 0.5) continue;
    for (let y = bottom; y >= top; y--) {
      const at = (y * width + x) * 3;
      if (y < top + gap) {
        frame.set(MOUTH_INSIDE, at);
        continue;
      }
      const from = (Math.round(top + ((y - top - gap) * span) / (span - gap)) * width + x) * 3;
      portrait.pixels.copy(frame, at, from, from + 3);
    }
  }
  return frame;
}

/** Scales an envelope to 0..1 by its 95th percentile, so loud syllables open the mouth fully. */
function normalised(envelope: Float64Array): Float64Array {
  const sorted = Float64Array.from(envelope).sort();
  const loud = sorted[Math.floor(0.95 * (sorted.length - 1))] || 1;
  return envelope.map((value) => Math.min(1, value / loud));
}
