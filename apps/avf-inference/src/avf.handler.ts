import { avfInputSchema } from '@jetjobs/contracts';
import { assertWithinLimits, probeVideo, withTempDir, type MediaLimits } from '@jetjobs/media';
import { PermanentError, type JobContext, type JobHandler } from '@jetjobs/worker-runtime';
import { aggregate } from './analysis/aggregate';
import { round } from './analysis/sync-evidence';
import { buildResult, type AvfResult } from './avf-result';
import type { AvfBackend, ProbedVideo } from './backend';
import { assertNotTruncated } from './source/check-complete';
import { asMediaFailure } from './source/media-failure';
import { obtainVideo, type SourceSettings } from './source/obtain-video';

export interface AvfHandlerSettings {
  readonly backend: AvfBackend;
  /** Used when the job does not set `sequenceLength`. */
  readonly sequenceLength: number;
  readonly source: SourceSettings;
  /** Checked right after probing, before any decoding; none when absent. */
  readonly limits?: MediaLimits;
}

/** Progress share of the stages before the sequences (download, probe). */
const PREPARED_PERCENT = 5;

/**
 * The `avf` pipeline: fetch the video into a temp dir (removed however the job ends), probe it,
 * let the backend judge each sequence, and aggregate into the AVF result.
 */
export function createAvfHandler(settings: AvfHandlerSettings): JobHandler {
  return async (context) => {
    const parsed = avfInputSchema.safeParse(context.job.input);
    if (!parsed.success) throw new PermanentError(`Invalid avf input: ${parsed.error.issues[0]?.message ?? 'unreadable'}`, 'invalid_input');
    const input = parsed.data;
    const sequenceLength = input.sequenceLength ?? settings.sequenceLength;
    return withTempDir('avf', async (dir) => {
      const video = await obtainVideo(input.source, dir, context, settings.source);
      await context.log(`received "${video.filename}"`);
      try {
        const info = await probeVideo(video.path, { signal: context.signal, demuxer: video.demuxer });
        if (settings.limits) assertWithinLimits(info, settings.limits);
        await assertNotTruncated(video.path, info.video.frameCount, context.signal);
        await context.progress(PREPARED_PERCENT, `probed: ${info.video.frameCount} frames at ${round(info.video.fps, 2)} fps`);
        await context.log(describe(info));
        return await analyse(context, settings.backend, { path: video.path, filename: video.filename, info, sequenceLength });
      } catch (error) {
        throw asMediaFailure(error);
      }
    });
  };
}

interface Video {
  readonly path: string;
  readonly filename: string;
  readonly info: ProbedVideo;
  readonly sequenceLength: number;
}

async function analyse(context: JobContext, backend: AvfBackend, video: Video): Promise<AvfResult> {
  const report = await backend.analyse({
    jobId: context.job.id,
    file: video.path,
    info: video.info,
    sequenceLength: video.sequenceLength,
    signal: context.signal,
    log: (line) => void context.log(line),
    onSequence: (sequence, done, total) => {
      const percent = PREPARED_PERCENT + ((100 - PREPARED_PERCENT - 1) * done) / total;
      const frames = { framesCompleted: sequence.start_frame + sequence.frames, frameCount: video.info.video.frameCount };
      void context.progress(percent, `sequence ${done} of ${total}: ${describeSequence(sequence)}`, frames);
    },
  });
  const verdict = aggregate(report.sequences, report.sync);
  const result = buildResult(verdict, report.sequences, {
    video_path: video.path,
    sequence_length: video.sequenceLength,
    video_frames: report.videoFrames,
    request_id: context.job.id,
    source_filename: video.filename,
    backend: backend.name,
    model: report.model,
    fps: round(video.info.video.fps, 3),
    duration_s: round(video.info.durationS, 3),
  });
  const weak = result.metadata.inconclusive && result.prediction !== null ? `, inconclusive: ${result.metadata.inconclusive_explanation}` : '';
  const summary = result.prediction === null ? result.message : `${result.prediction} (score ${result.score}, confidence ${result.confidence}${weak})`;
  await context.log(`verdict: ${summary}`);
  await context.progress(100, `analysis complete: ${summary}`);
  return result;
}

function describe(info: ProbedVideo): string {
  const audio = info.audio ? `audio ${info.audio.codec} ${info.audio.sampleRate} Hz` : 'no audio track';
  return `probed: ${info.video.codec} ${info.video.width}x${info.video.height}, ${info.video.frameCount} frames at ${round(info.video.fps, 2)} fps, ${round(info.durationS, 2)} s, ${audio}`;
}

function describeSequence(sequence: { status: string; correlation: number | null; lag: number | null; in_sync: boolean | null; forgery_probability: number | null }): string {
  if (sequence.status !== 'analysed') return sequence.status.replace('_', ' ');
  if (sequence.correlation === null) return `forgery probability ${sequence.forgery_probability}`;
  return `${sequence.in_sync ? 'in sync' : 'out of sync'} (r=${sequence.correlation} at lag ${sequence.lag})`;
}
