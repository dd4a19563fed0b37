import { clipVideoUrl, isMediaFileName } from '../../media/clip-object';

/** A clip as the clipper API documents it, field for field. */
export interface ClipperClip {
  readonly video_url: string | null;
  readonly title: string;
  readonly video_description_for_tiktok: string;
  readonly video_description_for_instagram: string;
  readonly video_title_for_youtube_short: string;
  readonly start: number | null;
  readonly end: number | null;
  readonly virality_score: number | null;
}

export interface CostAnalysis {
  readonly total_cost: number;
  readonly gemini_api_calls: number;
  readonly whisper_duration_seconds: number;
}

/** The documented cap on `video_title_for_youtube_short`. */
const YOUTUBE_SHORT_TITLE_MAX = 100;

type Fields = Record<string, unknown>;
const asFields = (value: unknown): Fields => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * One clip as the worker reported it (a `JobOutputAdded` output or an entry of the result's
 * `clips`), in the documented shape. The worker names the rendered file (`file`, or the object
 * `clips/<job_id>/<file>`), and the API turns it into the relative `/videos/<job_id>/<file>` URL
 * the gateway serves.
 */
export function toClipperClip(jobId: string, output: unknown): ClipperClip {
  const clip = asFields(output);
  const score = number(clip['virality_score']);
  return {
    video_url: videoUrl(jobId, clip),
    title: text(clip['title']),
    video_description_for_tiktok: text(clip['video_description_for_tiktok']),
    video_description_for_instagram: text(clip['video_description_for_instagram']),
    video_title_for_youtube_short: [...text(clip['video_title_for_youtube_short'])].slice(0, YOUTUBE_SHORT_TITLE_MAX).join(''),
    start: number(clip['start']),
    end: number(clip['end']),
    virality_score: score === null ? null : Math.min(100, Math.max(0, score)),
  };
}

function videoUrl(jobId: string, clip: Fields): string | null {
  const given = text(clip['video_url']);
  if (given.startsWith(`/videos/${jobId}/`)) return given;
  const object = text(clip['object']);
  const file = text(clip['file']) || object.slice(object.lastIndexOf('/') + 1);
  return isMediaFileName(file) ? clipVideoUrl(jobId, file) : null;
}

/** The result's cost figures; zeros for figures not (yet) reported, so the types never change. */
export function toCostAnalysis(result: unknown): CostAnalysis {
  const cost = asFields(asFields(result)['cost_analysis']);
  return {
    total_cost: number(cost['total_cost']) ?? 0,
    gemini_api_calls: number(cost['gemini_api_calls']) ?? 0,
    whisper_duration_seconds: number(cost['whisper_duration_seconds']) ?? 0,
  };
}

/** The final result's clips, or the partial outputs when the result lists none. */
export function resultClips(result: unknown, outputs: readonly unknown[]): readonly unknown[] {
  const clips = asFields(result)['clips'];
  return Array.isArray(clips) ? clips : outputs;
}
