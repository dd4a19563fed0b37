import type { JobContext } from '@jetjobs/worker-runtime';
import type { FrameClassifier } from '../classifiers/frame-classifier';
import { extractFrames, type ExtractedFrame } from '../sampling/extract-frames';
import type { PlannedSample } from '../sampling/sample-plan';
import type { FrameScores } from '../verdict/categories';
import { unjudgedReason } from '../verdict/frame-judgeability';
import type { ScoredSample } from '../verdict/flagged-segments';

/** Reports one classified frame; the pipeline holds back the last one until the result is ready. */
export type FrameReport = (framesCompleted: number, sample: PlannedSample) => void;

/**
 * The frame loop: decodes the planned frames, hands them to the classifier in batches of its
 * size with up to `batchesInFlight` batches waiting for scores (decoding runs ahead meanwhile),
 * and reports each classified frame in order. It stops at the next batch once the job is
 * cancelled (the signal also kills ffmpeg, so decoding stops at once).
 */
export async function classifyFrames(
  context: Pick<JobContext, 'signal'>,
  input: { file: string; dir: string; plan: readonly PlannedSample[] },
  classifier: FrameClassifier,
  report: FrameReport,
): Promise<ScoredSample[]> {
  const { signal } = context;
  const { format } = classifier;
  const scored: ScoredSample[] = [];
  const inFlight: InFlightBatch[] = [];
  const settleOldest = async () => {
    const { frames, scores } = inFlight.shift() as InFlightBatch;
    const values = await scores;
    frames.forEach(({ sample, data }, i) => {
      // Only raw pixels can be looked at here; a remote backend's JPEGs are its to judge.
      const unjudged = format.kind === 'rgb' ? unjudgedReason(data, format.width, format.height) : null;
      scored.push({ timestamp: sample.timestamp, onInterval: sample.onInterval, scores: values[i] ?? {}, unjudged });
      report(scored.length, sample);
    });
    if (signal.aborted) throw signal.reason;
  };
  const send = (frames: ExtractedFrame[]) => {
    const scores = classifier.classify(frames.map((frame) => frame.data), signal);
    // Awaited in order by settleOldest; until then a failure must not count as unhandled.
    scores.catch(() => undefined);
    inFlight.push({ frames, scores });
  };
  let batch: ExtractedFrame[] = [];
  for await (const frame of extractFrames(input.file, input.plan, classifier.format, input.dir, signal)) {
    batch.push(frame);
    if (batch.length < classifier.batchSize) continue;
    send(batch);
    batch = [];
    if (inFlight.length >= classifier.batchesInFlight) await settleOldest();
  }
  if (batch.length > 0) send(batch);
  while (inFlight.length > 0) await settleOldest();
  return scored;
}

interface InFlightBatch {
  readonly frames: readonly ExtractedFrame[];
  readonly scores: Promise<FrameScores[]>;
}
