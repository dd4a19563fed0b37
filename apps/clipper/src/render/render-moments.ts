import { rm } from 'node:fs/promises';
import { MEDIA_PURPOSES, type ClipperInput } from '@jetjobs/contracts';
import type { JobContext } from '@jetjobs/worker-runtime';
import type { MediaSignals, Word } from '../analysis/signals';
import type { Captioner } from '../captions/captioner';
import { keywordStats } from '../captions/keywords';
import { clipObjectName, clipVideoUrl, type Clip } from '../clip';
import type { Moment } from '../moments/select';
import type { UsageMeter } from '../remote/usage-meter';
import type { FileStore } from '../storage/file-store';
import { secondsText, timed, type StageListener } from '../stage-clock';
import { captionCues, type CaptionCue } from './caption-cues';
import { renderClip } from './render-clip';

export interface RenderMomentsRequest {
  readonly context: JobContext;
  readonly input: ClipperInput;
  readonly file: string;
  readonly dir: string;
  readonly signals: MediaSignals;
  readonly moments: readonly Moment[];
  readonly captioner: Captioner;
  readonly files: FileStore;
  readonly usage: UsageMeter;
  readonly onStage?: StageListener;
}

/**
 * Captions, renders and stores each moment, best first, and publishes each clip as a partial
 * output as soon as its files are in the object store, so clients see clips one by one.
 */
export async function renderMoments(request: RenderMomentsRequest): Promise<Clip[]> {
  const { context, moments } = request;
  const keywords = keywordStats(request.signals.words);
  const clips: Clip[] = [];
  for (const [i, moment] of moments.entries()) {
    const index = i + 1;
    const { value: clip, seconds } = await timed('clip', () => renderOne(request, moment, index, keywords), request.onStage, index);
    clips.push(clip);
    await context.output(clip);
    await context.progress(50 + (50 * index) / moments.length, `clip ${index} of ${moments.length} ready`);
    await context.log(`Clip ${index} ready in ${secondsText(seconds)}: ${clip.video_url}`);
  }
  return clips;
}

async function renderOne(request: RenderMomentsRequest, moment: Moment, index: number, keywords: ReturnType<typeof keywordStats>): Promise<Clip> {
  const { context, input } = request;
  const words = wordsIn(request.signals.words, moment);
  const captions = await request.captioner.caption({
    index, moment, words, keywords, signal: context.signal, usage: request.usage, warn: (line) => context.log(line, 'warn'),
  });
  await context.log(`Rendering clip ${index} of ${request.moments.length} (${moment.start}–${moment.end} s, score ${moment.score}): "${captions.title}"...`);
  const name = `clip_${index}`;
  const cues: CaptionCue[] = !input.burnCaptions ? [] : words.length > 0 ? captionCues(words, moment.start, moment.end) : [{ text: captions.title, start: 0, end: moment.end - moment.start }];
  const files = await renderClip({
    input: request.file, start: moment.start, end: moment.end, aspect: input.aspect, hasAudio: request.signals.hasAudio,
    cues, dir: request.dir, name, signal: context.signal,
  });
  const owner = { projectId: context.job.projectId, jobId: context.job.id, purpose: MEDIA_PURPOSES.output };
  await request.files(clipObjectName(context.job.id, `${name}.mp4`), files.video, 'video/mp4', owner);
  await request.files(clipObjectName(context.job.id, `${name}.jpg`), files.thumbnail, 'image/jpeg', owner);
  await Promise.all([rm(files.video, { force: true }), rm(files.thumbnail, { force: true })]);
  return {
    video_url: clipVideoUrl(context.job.id, `${name}.mp4`),
    ...captions,
    start: moment.start,
    end: moment.end,
    virality_score: moment.score,
  };
}

/** The words spoken inside a moment. */
function wordsIn(words: readonly Word[], moment: Moment): Word[] {
  return words.filter((w) => w.start >= moment.start - 0.02 && w.end <= moment.end + 0.02);
}
