/** A recognised word with its time in the source, in seconds. */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A stretch of silence found by ffmpeg's silencedetect. */
export interface Pause {
  readonly start: number;
  readonly end: number;
}

/** Momentary loudness (EBU R128, LUFS) sampled every `stepS` seconds from the start. */
export interface LoudnessSeries {
  readonly stepS: number;
  readonly values: readonly number[];
}

/** What the analysis found in the source: the input of moment finding. */
export interface MediaSignals {
  /** Length of the video stream: clips never run past it. */
  readonly durationS: number;
  readonly hasAudio: boolean;
  readonly words: readonly Word[];
  readonly pauses: readonly Pause[];
  readonly loudness: LoudnessSeries;
  /** Hard cuts, in seconds, ascending. */
  readonly cuts: readonly number[];
  /** Mean frame-to-frame visual change per second (0–1), index = second. */
  readonly activity: readonly number[];
}

/** Below this, a momentary loudness reading is silence (ebur128 reports -120.7 for none). */
export const SILENT_LUFS = -70;
