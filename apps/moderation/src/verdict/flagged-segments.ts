import type { Category, FrameScores } from './categories';
import type { UnjudgedReason } from './frame-judgeability';

/** One classified sample, in time order. */
export interface ScoredSample {
  readonly timestamp: number;
  /** Taken on the regular interval grid (as opposed to only for a scene cut). */
  readonly onInterval: boolean;
  readonly scores: FrameScores;
  /** Set when the frame could not be judged (see `unjudgedReason`): its scores then count for nothing. */
  readonly unjudged?: UnjudgedReason | null;
}

/** A stretch of consecutive samples over one category's threshold that persisted long enough. */
export interface FlaggedSegment {
  readonly category: Category;
  readonly start: number;
  readonly end: number;
  readonly samples: number;
  /** The highest-scoring sample of the segment: the one shown as evidence. */
  readonly peak: { readonly timestamp: number; readonly score: number };
}

export interface PersistenceRule {
  /** Per-category score at or above which one sample counts as showing it. */
  readonly thresholds: Readonly<Record<Category, number>>;
  /** Interval samples a run of consecutive over-threshold samples must contain to flag the video. */
  readonly minIntervalSamples: number;
}

/**
 * The persistence rule. A category flags the video only where consecutive samples are all at or
 * over its threshold and that run contains at least `minIntervalSamples` samples of the regular
 * interval grid (2 by default: the content lasted at least one sampling interval). One noisy
 * frame never suffices, nor does a scene-cut sample that happens to sit next to an interval
 * sample, since scene-cut samples do not count towards the minimum. A run that covers every
 * sample of the video also counts, so a clip too short for two samples can still be flagged.
 */
export function flaggedSegments(samples: readonly ScoredSample[], category: Category, rule: PersistenceRule): FlaggedSegment[] {
  const threshold = rule.thresholds[category];
  const segments: FlaggedSegment[] = [];
  let run: ScoredSample[] = [];
  const close = () => {
    if (run.length > 0 && persists(run, samples.length, rule.minIntervalSamples)) segments.push(segmentOf(category, run));
    run = [];
  };
  for (const sample of samples) {
    const score = sample.scores[category];
    if (score !== undefined && score >= threshold) run.push(sample);
    else close();
  }
  close();
  return segments;
}

function persists(run: readonly ScoredSample[], total: number, minIntervalSamples: number): boolean {
  return run.length === total || run.filter((sample) => sample.onInterval).length >= minIntervalSamples;
}

function segmentOf(category: Category, run: readonly ScoredSample[]): FlaggedSegment {
  let peak = { timestamp: 0, score: -1 };
  for (const sample of run) {
    const score = sample.scores[category] ?? 0;
    if (score > peak.score) peak = { timestamp: sample.timestamp, score };
  }
  return { category, start: run[0]?.timestamp ?? 0, end: run[run.length - 1]?.timestamp ?? 0, samples: run.length, peak };
}
