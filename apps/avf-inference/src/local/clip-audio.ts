import { decodeAudio } from '@jetjobs/media';
import { frameEnergy, voicedThreshold } from '../analysis/audio-envelope';
import type { SequenceSpan } from '../analysis/sequences';
import type { ProbedVideo } from '../backend';

const SAMPLE_RATE = 16_000;

/** The audio's loudness per video frame, and the level above which a frame is voiced. */
export interface ClipAudio {
  readonly voicedRms: number;
  energyOf(span: SequenceSpan): Float64Array;
}

/**
 * Decodes the whole soundtrack (about 0.1 s per minute of video) with its start offset kept, so
 * frame i's energy is the sound actually heard with frame i. A video without audio is silent.
 */
export async function loadClipAudio(file: string, info: ProbedVideo, fps: number, signal: AbortSignal): Promise<ClipAudio> {
  const samples = info.audio ? await decodeAudio(file, SAMPLE_RATE, { signal }) : new Float32Array(0);
  const voicedRms = voicedThreshold(frameEnergy(samples, SAMPLE_RATE, fps, info.video.frameCount));
  return { voicedRms, energyOf: (span) => frameEnergy(samples, SAMPLE_RATE, fps, span.end, span.start) };
}
