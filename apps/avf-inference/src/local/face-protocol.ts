/** Settings every face thread loads with. */
export interface FaceThreadSettings {
  /** Frames the face detector may be skipped while the mesh tracks the face (0: detect every frame). */
  readonly detectorSkipFrames: number;
  /** Detector and mesh confidence below which a frame counts as having no face. */
  readonly minConfidence: number;
}

/** Main thread → face thread: measure the mouth in `frames` RGB24 frames packed in `pixels`. */
export interface MeasureRequest {
  readonly type: 'measure';
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly pixels: ArrayBuffer;
}

/**
 * The mouth per frame, NaN where no face was found: `openings` as a share of the eye distance,
 * `widths` in pixels of the frame the mesh saw (how much picture the measurement rests on).
 */
export interface MouthTrack {
  readonly openings: Float64Array;
  readonly widths: Float64Array;
}

/** Face thread → main thread. */
export type FaceThreadMessage =
  | { readonly type: 'ready'; readonly loadMs: number }
  | ({ readonly type: 'measured'; readonly id: number } & MouthTrack)
  | { readonly type: 'failed'; readonly id: number | null; readonly message: string };
