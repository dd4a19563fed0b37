import { moderationInputSchema, type ModerationInput } from '@jetjobs/contracts';
import { assertWithinLimits, MediaError, probeVideo, withTempDir, type MediaLimits } from '@jetjobs/media';
import { fetchVideoSource, PermanentError, type DownloadProgress, type JobContext, type JobHandler } from '@jetjobs/worker-runtime';
import type { FrameClassifier } from './classifiers/frame-classifier';
import type { MediaFiles } from './evidence/media-files';
import { storeThumbnail, type StoredThumbnail } from './evidence/thumbnails';
import { classifyFrames } from './pipeline/classify-frames';
import { moderationResult, type ModerationResult } from './pipeline/moderation-result';
import { planSamples, type PlannedSample, type SamplingOptions } from './sampling/sample-plan';
import { scanFrames } from './sampling/scan-frames';
import type { FlaggedSegment, PersistenceRule } from './verdict/flagged-segments';
import { videoVerdict } from './verdict/video-verdict';

export interface ModerationSettings {
  readonly sampling: SamplingOptions;
  readonly rule: PersistenceRule;
  readonly maxEvidence: number;
  /** Checked right after probing; none when absent. They also bound the frame scan and the samples. */
  readonly limits?: MediaLimits;
  readonly download: { readonly allowlist: readonly string[]; readonly maxBytes: number; readonly timeoutMs: number; readonly idleTimeoutMs?: number };
}

/**
 * The `moderation` pipeline: fetch the video, scan it for scene cuts, plan the samples (so
 * `frame_count` is known before the first classification), classify each sampled frame with
 * progress after every one, merge with the persistence rule, store evidence thumbnails.
 */
export function createModerationHandler(classifier: FrameClassifier, files: MediaFiles, settings: ModerationSettings): JobHandler {
  return (context) =>
    withTempDir('moderation', (dir) => moderate({ context, dir, classifier, files, settings })).catch((error: unknown) => {
      // The media itself is at fault: another attempt on the same bytes cannot succeed.
      if (error instanceof MediaError) throw new PermanentError(error.message, error.code, { cause: error });
      throw error;
    });
}

interface Run {
  readonly context: JobContext;
  readonly dir: string;
  readonly classifier: FrameClassifier;
  readonly files: MediaFiles;
  readonly settings: ModerationSettings;
}

async function moderate({ context, dir, classifier, files, settings }: Run): Promise<ModerationResult> {
  const { signal } = context;
  const input = parseInput(context.job.input);
  const video = await fetchVideoSource(input.source, {
    media: context.media,
    dir,
    ...settings.download,
    signal,
    onProgress: (progress) => void context.progress(0, describeDownload(progress)),
  });
  await context.progress(0, 'Probing the video and finding scene cuts');
  const info = await probeVideo(video.path, { signal, demuxer: video.demuxer });
  if (settings.limits) assertWithinLimits(info, settings.limits);
  const scan = await scanFrames(video.path, signal);
  const plan = planSamples(scan, settings.sampling);
  const frameCount = plan.length;
  await context.progress(0, `Classifying ${frameCount} sampled frames`, { framesCompleted: 0, frameCount });
  // Every frame is reported as it is classified, except the last: its report (100 %) waits until
  // the result is ready, because clients of the moderation API stop listening at 100.
  let last: PlannedSample | undefined;
  const samples = await classifyFrames(context, { file: video.path, dir, plan }, classifier, (done, sample) => {
    if (done < frameCount) void context.progress(percent(done, frameCount), frameDetail(done, frameCount, sample), { framesCompleted: done, frameCount });
    else last = sample;
  });
  const verdict = videoVerdict(samples, settings.rule, settings.maxEvidence);
  const thumbnails = await storeThumbnails({ context, dir, files }, video.path, verdict.segments);
  if (last) await context.progress(100, frameDetail(frameCount, frameCount, last), { framesCompleted: frameCount, frameCount });
  return moderationResult(verdict, thumbnails, {
    sourceFilename: video.filename,
    durationS: info.durationS,
    frameCount,
    sceneCuts: plan.filter((sample) => sample.sceneCut).length,
    intervalS: settings.sampling.intervalS,
    backend: classifier.label,
  });
}

function parseInput(raw: unknown): ModerationInput {
  const parsed = moderationInputSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new PermanentError(`Invalid moderation input: ${issue?.path.join('.') || 'input'}: ${issue?.message}`, 'invalid_input');
}

/** One JPEG per distinct flagged frame, shared by every segment it is the peak of. */
async function storeThumbnails(
  { context, dir, files }: Pick<Run, 'context' | 'dir' | 'files'>,
  file: string,
  segments: readonly FlaggedSegment[],
): Promise<Map<FlaggedSegment, StoredThumbnail>> {
  const byTime = new Map<number, StoredThumbnail>();
  const bySegment = new Map<FlaggedSegment, StoredThumbnail>();
  for (const segment of segments) {
    const timestamp = segment.peak.timestamp;
    let stored = byTime.get(timestamp);
    if (!stored) {
      stored = await storeThumbnail({ file, dir, jobId: context.job.id, projectId: context.job.projectId, timestamp, files, signal: context.signal });
      byTime.set(timestamp, stored);
    }
    bySegment.set(segment, stored);
  }
  return bySegment;
}

function percent(done: number, total: number): number {
  return Math.floor((done / total) * 100);
}

function frameDetail(done: number, total: number, sample: PlannedSample): string {
  return `Frame ${done} of ${total} at ${sample.timestamp.toFixed(2)} s${sample.sceneCut ? ' (scene cut)' : ''}`;
}

function describeDownload({ receivedBytes, totalBytes }: DownloadProgress): string {
  const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);
  if (totalBytes === null || totalBytes === 0) return `Downloading the video: ${mb(receivedBytes)} MB`;
  return `Downloading the video: ${mb(receivedBytes)} of ${mb(totalBytes)} MB (${Math.floor((receivedBytes / totalBytes) * 100)} %)`;
}
