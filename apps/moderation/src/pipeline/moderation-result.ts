import type { StoredThumbnail } from '../evidence/thumbnails';
import { PROHIBITING } from '../verdict/categories';
import type { FlaggedSegment } from '../verdict/flagged-segments';
import type { VideoVerdict } from '../verdict/video-verdict';

/** One piece of evidence: a flagged segment, shown by its highest-scoring frame. */
export interface EvidenceJson {
  readonly category: string;
  /** Seconds from the start of the video of the frame shown. */
  readonly timestamp: number;
  readonly score: number;
  /** The segment over the threshold, first and last sample (seconds). */
  readonly start: number;
  readonly end: number;
  readonly samples: number;
  /** Relative URL of the frame's JPEG, served by the gateway (`/videos/<job_id>/thumb-<t>.jpg`). */
  readonly thumbnail: string;
  /** The same file's name in the media bucket (`clips/<job_id>/thumb-<t>.jpg`). */
  readonly thumbnail_object: string;
}

export interface ModerationFacts {
  readonly sourceFilename: string;
  readonly durationS: number;
  readonly frameCount: number;
  readonly sceneCuts: number;
  readonly intervalS: number;
  readonly backend: string;
}

/**
 * The job's result, in the moderation API's words: `is_prohibited` and `categories` (with
 * `custom: {}`) are what the API's job status shows; the rest is this platform's evidence.
 */
export function moderationResult(verdict: VideoVerdict, thumbnails: ReadonlyMap<FlaggedSegment, StoredThumbnail>, facts: ModerationFacts) {
  const evidence: EvidenceJson[] = verdict.segments.map((segment) => {
    const thumbnail = thumbnails.get(segment);
    return {
      category: segment.category,
      timestamp: segment.peak.timestamp,
      score: Math.round(segment.peak.score * 1000) / 1000,
      start: segment.start,
      end: segment.end,
      samples: segment.samples,
      thumbnail: thumbnail?.url ?? '',
      thumbnail_object: thumbnail?.object ?? '',
    };
  });
  return {
    is_prohibited: verdict.isProhibited,
    categories: { ...verdict.categories, custom: {} },
    ...(verdict.isProhibited ? { reason: reasonOf(verdict.segments) } : {}),
    max_scores: verdict.maxScores,
    evidence,
    frame_count: facts.frameCount,
    // Sampled frames the model could not judge (dark, tiny, blurred): neither safe nor unsafe.
    frames_unjudged: verdict.unjudged.frames,
    unjudged_reasons: verdict.unjudged.reasons,
    scene_cuts: facts.sceneCuts,
    sample_interval_s: facts.intervalS,
    duration_s: Math.round(facts.durationS * 1000) / 1000,
    backend: facts.backend,
    source_filename: facts.sourceFilename,
  };
}

export type ModerationResult = ReturnType<typeof moderationResult>;

/** A sentence a person can act on: what was found, and where. */
function reasonOf(all: readonly FlaggedSegment[]): string {
  const segments = all.filter((segment) => PROHIBITING.has(segment.category));
  const parts = segments.slice(0, 3).map((s) => `${s.category.replace('_', ' ')} from ${s.start.toFixed(1)} s to ${s.end.toFixed(1)} s (score ${s.peak.score.toFixed(2)})`);
  const more = segments.length > 3 ? `, and ${segments.length - 3} more` : '';
  return `Flagged: ${parts.join('; ')}${more}`;
}
