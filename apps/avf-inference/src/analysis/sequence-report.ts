/** Why a sequence did or did not enter the verdict. */
export const SEQUENCE_STATUS = {
  analysed: 'analysed',
  noFace: 'no_face',
  noSpeech: 'no_speech',
  tooShort: 'too_short',
} as const;
export type SequenceStatus = (typeof SEQUENCE_STATUS)[keyof typeof SEQUENCE_STATUS];

/** One sequence's evidence, as it appears in the result's `metadata.sequences`. */
export interface SequenceReport {
  readonly index: number;
  readonly start_frame: number;
  readonly frames: number;
  readonly status: SequenceStatus;
  /** Whether a face was measured in enough frames (null when the backend does not say). */
  readonly face: boolean | null;
  /** Whether the audio had speech-like sound (null when the backend does not say). */
  readonly speech: boolean | null;
  /** Best mouth/audio correlation over the lags tried (local backend). */
  readonly correlation: number | null;
  /** Lag in frames of that best correlation; positive when the sound comes late. */
  readonly lag: number | null;
  /** Correlation within the lag tolerance around 0 (local backend). */
  readonly correlation_at_sync: number | null;
  readonly in_sync: boolean | null;
  /** How likely this sequence is forged, 0..1; null when it was not analysed. */
  readonly forgery_probability: number | null;
}
