import { probeVideo } from '@jetjobs/media';
import { aggregate } from '../analysis/aggregate';
import type { AvfBackend, ProbedVideo } from '../backend';
import type { MatrixOutcome } from './quality-matrix';

/** One analysed clip of the quality matrix. */
export interface MatrixCell {
  readonly outcome: MatrixOutcome;
  readonly score: number | null;
  readonly confidence: number | null;
  readonly frames: number;
  /** What was found, or why it could not tell. */
  readonly summary: string;
}

/**
 * Analyses one file in-process, as the worker's handler does between probing and the result
 * (backend, then the verdict), without the job platform around it.
 */
export async function analyseCell(backend: AvfBackend, file: string, sequenceLength = 50): Promise<MatrixCell> {
  const info: ProbedVideo = await probeVideo(file);
  const report = await backend.analyse({
    jobId: 'matrix', file, info, sequenceLength, signal: new AbortController().signal, log: () => undefined, onSequence: () => undefined,
  });
  const verdict = aggregate(report.sequences, report.sync);
  if (verdict.kind === 'inconclusive') return { outcome: 'inconclusive', score: null, confidence: null, frames: report.videoFrames, summary: verdict.explanation };
  return {
    outcome: verdict.weak ? 'inconclusive' : verdict.prediction,
    score: verdict.score,
    confidence: verdict.confidence,
    frames: report.videoFrames,
    summary: verdict.weak?.explanation ?? verdict.evidence?.summary ?? '',
  };
}
