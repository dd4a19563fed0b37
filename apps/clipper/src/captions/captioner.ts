import type { Word } from '../analysis/signals';
import type { Moment } from '../moments/select';
import type { UsageMeter } from '../remote/usage-meter';
import type { KeywordStats } from './keywords';

export interface CaptionRequest {
  /** Rank of the clip, 1 = best. */
  readonly index: number;
  readonly moment: Moment;
  /** The words spoken inside the clip. */
  readonly words: readonly Word[];
  /** Word frequencies over the whole transcript, to tell a clip's own topics from filler. */
  readonly keywords: KeywordStats;
  readonly signal: AbortSignal;
  readonly usage: UsageMeter;
  /** Something went wrong but the clip goes on (logged on the job). */
  readonly warn: (line: string) => Promise<void>;
}

/** The text of one clip, as the clipper API names it. */
export interface Captions {
  readonly title: string;
  readonly video_description_for_tiktok: string;
  readonly video_description_for_instagram: string;
  readonly video_title_for_youtube_short: string;
}

/** Titles and captions for a clip. */
export interface Captioner {
  readonly description: string;
  caption(request: CaptionRequest): Promise<Captions>;
}

/** YouTube refuses Shorts titles over 100 characters. */
export const SHORTS_TITLE_MAX = 100;
