/**
 * Loudness envelope aligned to video frames: the RMS of the audio samples that play while each
 * frame in [firstFrame, endFrame) is shown. Frames past the end of the audio get 0 (silence).
 */
export function frameEnergy(samples: Float32Array, sampleRate: number, fps: number, endFrame: number, firstFrame = 0): Float64Array {
  const energy = new Float64Array(Math.max(0, endFrame - firstFrame));
  const perFrame = sampleRate / fps;
  for (let i = 0; i < energy.length; i++) {
    const start = Math.floor((firstFrame + i) * perFrame);
    const end = Math.min(samples.length, Math.floor((firstFrame + i + 1) * perFrame));
    let sum = 0;
    for (let j = start; j < end; j++) sum += samples[j] * samples[j];
    energy[i] = end > start ? Math.sqrt(sum / (end - start)) : 0;
  }
  return energy;
}

/** Below this RMS (about -40 dBFS) a frame is silent whatever the rest of the clip does. */
const SILENCE_RMS = 0.01;
/** A voiced frame is at least this share of the clip's loud level (its 95th percentile). */
const VOICED_SHARE_OF_LOUD = 0.1;

/** The RMS above which a frame counts as voiced, for the whole clip. */
export function voicedThreshold(energy: Float64Array): number {
  if (energy.length === 0) return SILENCE_RMS;
  const sorted = Float64Array.from(energy).sort();
  const loud = sorted[Math.floor(0.95 * (sorted.length - 1))];
  return Math.max(SILENCE_RMS, VOICED_SHARE_OF_LOUD * loud);
}
