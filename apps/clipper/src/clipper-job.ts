import type { ClipperInput } from '@jetjobs/contracts';
import { assertWithinLimits, MediaError, probeVideo, type MediaInfo, type MediaLimits } from '@jetjobs/media';
import { mediaLimitsOf, PermanentError, type JobContext } from '@jetjobs/worker-runtime';
import { analyseMedia } from './analysis/analyse-media';
import type { Captioner } from './captions/captioner';
import type { ClipperResult } from './clip';
import type { ClipperConfig } from './clipper-config';
import { findMoments } from './moments/find-moments';
import { UsageMeter } from './remote/usage-meter';
import { renderMoments } from './render/render-moments';
import { fetchSource } from './source/fetch-source';
import { secondsText, timed, type StageListener } from './stage-clock';
import type { FileStore } from './storage/file-store';
import type { Transcriber } from './transcription/transcriber';

/** Clips are 15–60 s: a shorter video has nothing to cut. */
export const MIN_CLIP_S = 15;
export const MAX_CLIP_S = 60;

export interface ClipperJob {
  readonly context: JobContext<unknown>;
  readonly input: ClipperInput;
  /** The job's temp directory, removed when the job ends. */
  readonly dir: string;
  readonly config: ClipperConfig;
  readonly transcriber: Transcriber;
  readonly captioner: Captioner;
  readonly files: FileStore;
  readonly onStage?: StageListener;
}

/** Source → probe → analysis → moments → clips, each stage logged as a line of the job. */
export async function runClipperJob(job: ClipperJob): Promise<ClipperResult> {
  const { context, config, dir } = job;
  const usage = new UsageMeter();
  const started = performance.now();
  const source = await timed('source', () => fetchSource(job.input.source, {
    media: context.media, dir, allowlist: config.JETJOBS_SOURCE_URL_ALLOWLIST, maxBytes: config.CLIPPER_MAX_VIDEO_BYTES,
    timeoutMs: config.CLIPPER_DOWNLOAD_TIMEOUT_MS, idleTimeoutMs: config.JETJOBS_SOURCE_IDLE_TIMEOUT_MS, ytDlp: config.YT_DLP_PATH, signal: context.signal, log: (line) => context.log(line),
  }), job.onStage);
  await context.progress(5, 'video received');
  const info = await probe(source.value.path, source.value.demuxer, context.signal, mediaLimitsOf(config));
  const durationS = videoDuration(info);
  await context.log(describe(info, durationS));
  if (durationS < MIN_CLIP_S) {
    await context.log(`The video is ${secondsText(durationS)} long, shorter than the ${MIN_CLIP_S} s minimum clip length: no clips to make.`);
    return { clips: [], cost_analysis: usage.toCostAnalysis() };
  }
  const signals = await analyseMedia({ context, file: source.value.path, info, durationS, dir, transcriber: job.transcriber, usage, onStage: job.onStage });
  await context.log('Analyzing viral moments...');
  const plan = findMoments(signals, { maxClips: config.CLIPPER_MAX_CLIPS, minS: MIN_CLIP_S, maxS: MAX_CLIP_S });
  const analysisS = (performance.now() - started) / 1000;
  job.onStage?.({ stage: 'analysis', seconds: analysisS });
  await context.progress(50, `${plan.moments.length} moments picked`);
  await context.log(`Scored ${plan.candidates} candidate moments${plan.hasSpeech ? '' : ' (no speech: scenes and activity only)'}; picked ${plan.moments.length} (analysis took ${secondsText(analysisS)}).`);
  if (plan.shortfall) await context.log(`Fewer than ${config.CLIPPER_MAX_CLIPS} clips because ${plan.shortfall}.`);
  const clips = await renderMoments({ context, input: job.input, file: source.value.path, dir, signals, moments: plan.moments, captioner: job.captioner, files: job.files, usage, onStage: job.onStage });
  await context.log(`Finished: ${clips.length} clip${clips.length === 1 ? '' : 's'} in ${secondsText((performance.now() - started) / 1000)}.`);
  return { clips, cost_analysis: usage.toCostAnalysis() };
}

/**
 * A file that is not a playable video, or is over a limit, fails the job at once: retrying the
 * same bytes cannot help. The limits also bound the soundtrack wav (115 MB per hour at 16 kHz).
 */
async function probe(file: string, demuxer: string, signal: AbortSignal, limits: MediaLimits): Promise<MediaInfo> {
  try {
    const info = await probeVideo(file, { signal, demuxer });
    assertWithinLimits(info, limits);
    return info;
  } catch (error) {
    if (error instanceof MediaError) throw new PermanentError(error.message, error.code, { cause: error });
    throw error;
  }
}

/** The video stream's length: a longer soundtrack must not let clips run past the last frame. */
function videoDuration(info: MediaInfo): number {
  const video = info.video;
  const fromFrames = video && video.fps > 0 ? video.frameCount / video.fps : 0;
  if (info.durationS > 0 && fromFrames > 0) return Math.min(info.durationS, fromFrames);
  return info.durationS || fromFrames;
}

function describe(info: MediaInfo, durationS: number): string {
  const video = info.video ? `${info.video.width}x${info.video.height} ${info.video.codec} at ${Math.round(info.video.fps * 100) / 100} fps` : 'no video';
  const audio = info.audio ? `${info.audio.codec} audio` : 'no audio';
  return `Video: ${secondsText(durationS)}, ${video}, ${audio}.`;
}
