import type { SequenceSync } from './sync-evidence';

/** The clip's mouth/speech correlation, over all its analysed sequences. */
export interface ClipSync {
  /** Lag of the strongest mean correlation, in frames; positive when the sound comes late. */
  readonly lag: number;
  /** Mean correlation at that lag. */
  readonly peak: number;
  /** Strongest mean correlation within the sync tolerance around lag 0. */
  readonly atSync: number;
  /** How many standard deviations the peak stands above the mean correlation away from it. */
  readonly prominence: number;
  /** Share of the sequences (by frames) whose own peak lies within a frame of the clip's. */
  readonly consistency: number;
  /** Spread of the mouth opening over the clip (frame-weighted mean of the sequences'). */
  readonly movement: number;
  readonly sequences: number;
}

/**
 * Lags within this many frames of the peak share its rise (the signals are smooth over a few
 * frames), so they are left out of the background the peak is compared with.
 */
const PEAK_HALF_WIDTH = 4;

/**
 * Averages the sequences' correlation curves, weighted by frames. A mouth that follows the speech
 * peaks at the same lag in every sequence, so the peak survives the average while chance peaks,
 * scattered over the lags, average out: on a blocky, small face a single sequence's peak is often
 * noise, the clip's is not. Null without sequences.
 */
export function clipSync(sequences: readonly SequenceSync[], tolerance: number): ClipSync | null {
  if (sequences.length === 0) return null;
  const maxLag = Math.max(...sequences.map((s) => s.maxLag));
  const frames = sequences.reduce((sum, s) => sum + s.frames, 0);
  // A short sequence tries fewer lags: each lag's mean is over the sequences that tried it.
  const mean = Array.from({ length: 2 * maxLag + 1 }, (_, i) => {
    const tried = sequences.filter((s) => Math.abs(i - maxLag) <= s.maxLag);
    const weight = tried.reduce((sum, s) => sum + s.frames, 0);
    return tried.reduce((sum, s) => sum + s.correlations[s.maxLag - maxLag + i] * s.frames, 0) / weight;
  });
  const peakIndex = mean.reduce((best, r, i) => (r > mean[best] || (r === mean[best] && Math.abs(i - maxLag) < Math.abs(best - maxLag)) ? i : best), 0);
  const lag = peakIndex - maxLag;
  const background = mean.filter((_, i) => Math.abs(i - peakIndex) > PEAK_HALF_WIDTH);
  const centre = average(background);
  const deviation = Math.sqrt(average(background.map((r) => (r - centre) ** 2)));
  const consistent = sequences.filter((s) => Math.abs(ownPeak(s) - lag) <= 1).reduce((sum, s) => sum + s.frames, 0);
  return {
    lag,
    peak: mean[peakIndex],
    atSync: Math.max(...mean.filter((_, i) => Math.abs(i - maxLag) <= tolerance)),
    prominence: deviation > 1e-9 ? (mean[peakIndex] - centre) / deviation : 0,
    consistency: consistent / frames,
    movement: sequences.reduce((sum, s) => sum + s.movement * s.frames, 0) / frames,
    sequences: sequences.length,
  };
}

function ownPeak(sequence: SequenceSync): number {
  const { correlations } = sequence;
  return correlations.reduce((best, r, i) => (r > correlations[best] ? i : best), 0) - sequence.maxLag;
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}
