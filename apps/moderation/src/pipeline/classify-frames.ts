import type { JobContext } from '@jetjobs/worker-runtime';
import type { FrameClassifier } from '../classifiers/frame-classifier';
import { extractFrames, type ExtractedFrame } from '../sampling/extract-frames';
import type { PlannedSample } from '../sampling/sample-plan';
import type { ScoredSample } from '../verdict/flagged-segments';

/** Reports one classified frame; the pipeline holds back the last one until the result is ready. */
export type FrameReport = (framesCompleted: number, sample: PlannedSample) => void;

/**
 * The frame loop: decodes the planned frames, hands them to the classifier in batches of its
 * size, and reports each classified frame. It stops at the next frame once the job is cancelled
 * (the signal also kills ffmpeg, so decoding stops at once).
 */
export async function classifyFrames(
  context: Pick<JobContext, 'signal'>,
  input: { file: string; dir: string; plan: readonly PlannedSample[] },
  classifier: FrameClassifier,
  report: FrameReport,
): Promise<ScoredSample[]> {
  const { signal } = context;
  const scored: ScoredSample[] = [];
  let batch: ExtractedFrame[] = [];
  const flush = async () => {
    const scores = await classifier.classify(batch.map((frame) => frame.data), signal);
    batch.forEach(({ sample }, i) => {
      scored.push({ timestamp: sample.timestamp, onInterval: sample.onInterval, scores: scores[i] ?? {} });
      report(scored.length, sample);
    });
    batch = [];
    if (signal.aborted) throw signal.reason;
  };
  for await (const frame of extractFrames(input.file, input.plan, classifier.format, input.dir, signal)) {
    batch.push(frame);
    if (batch.length >= classifier.batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return scored;
}
