/**
 * One clip exactly as the clipper API shows it in `result.clips` (see the clipper status seed):
 * each is also published on its own as a partial output the moment it is rendered.
 */
export interface Clip {
  /** Relative URL the gateway serves: `/videos/<job_id>/<file>.mp4`. */
  readonly video_url: string;
  readonly title: string;
  readonly video_description_for_tiktok: string;
  readonly video_description_for_instagram: string;
  /** At most 100 characters. */
  readonly video_title_for_youtube_short: string;
  /** Seconds in the source video. */
  readonly start: number;
  readonly end: number;
  /** 0–100. */
  readonly virality_score: number;
}

export interface CostAnalysis {
  /** USD spent on remote models for this job; 0 with the local pipeline. */
  readonly total_cost: number;
  /** Calls made to a language model (titles and captions). */
  readonly gemini_api_calls: number;
  /** Seconds of audio transcribed. */
  readonly whisper_duration_seconds: number;
}

/** The job's result: `{clips, cost_analysis}`, the clipper API's `result`. */
export interface ClipperResult {
  readonly clips: readonly Clip[];
  readonly cost_analysis: CostAnalysis;
}

/** Where a job's files live in the media object store; the gateway serves exactly these. */
export const clipObjectName = (jobId: string, file: string): string => `clips/${jobId}/${file}`;
export const clipVideoUrl = (jobId: string, file: string): string => `/videos/${jobId}/${file}`;
