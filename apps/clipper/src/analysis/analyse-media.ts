import type { MediaInfo } from '@jetjobs/media';
import type { JobContext } from '@jetjobs/worker-runtime';
import type { UsageMeter } from '../remote/usage-meter';
import { secondsText, timed, type StageListener } from '../stage-clock';
import { runTogether } from '../transcription/run-pool';
import type { Transcriber } from '../transcription/transcriber';
import { runAudioPass } from './audio-pass';
import { runScenePass } from './scene-pass';
import type { MediaSignals, Word } from './signals';

export interface AnalysisRequest {
  readonly context: JobContext;
  readonly file: string;
  readonly info: MediaInfo;
  readonly durationS: number;
  readonly dir: string;
  readonly transcriber: Transcriber;
  readonly usage: UsageMeter;
  readonly onStage?: StageListener;
}

/**
 * Everything the moment finder needs. The soundtrack is decoded once (wav, pauses, loudness);
 * then scene detection and transcription run side by side, each stage logged with its time.
 */
export async function analyseMedia(request: AnalysisRequest): Promise<MediaSignals> {
  const { context, file, durationS, dir } = request;
  const { signal } = context;
  if (request.info.audio === null) {
    await context.log('No audio track: moments are chosen from scene cuts and visual activity only.');
    const scenes = await detectScenes(request);
    return { durationS, hasAudio: false, words: [], pauses: [], loudness: { stepS: 0.1, values: [] }, ...scenes };
  }
  await context.log('Measuring silences and loudness with ffmpeg...');
  const audio = await timed('audio', () => runAudioPass(file, dir, durationS, signal), request.onStage);
  await context.log(`Found ${audio.value.pauses.length} pauses in ${secondsText(audio.seconds)}.`);
  await context.progress(8, 'audio analysed');
  const [scenes, words] = await runTogether(
    signal,
    () => detectScenes(request),
    () => transcribe(request, audio.value.wavFile, audio.value.pauses),
  );
  if (words.length === 0) await context.log('No speech recognised: moments are chosen from scene cuts, loudness and visual activity.');
  return { durationS, hasAudio: true, words, pauses: audio.value.pauses, loudness: audio.value.loudness, ...scenes };
}

async function detectScenes(request: AnalysisRequest): Promise<{ cuts: number[]; activity: number[] }> {
  await request.context.log('Detecting scenes with ffmpeg...');
  const { value, seconds } = await timed('scenes', () => runScenePass(request.file, request.durationS, request.context.signal), request.onStage);
  await request.context.log(`Found ${value.cuts.length} scene cuts in ${secondsText(seconds)}.`);
  return value;
}

async function transcribe(request: AnalysisRequest, wavFile: string, pauses: MediaSignals['pauses']): Promise<Word[]> {
  const { context, transcriber } = request;
  await context.log(`Transcribing audio with ${transcriber.label}...`);
  const { value, seconds } = await timed(
    'transcription',
    () =>
      transcriber.transcribe({
        wavFile,
        durationS: request.durationS,
        pauses,
        dir: request.dir,
        signal: context.signal,
        usage: request.usage,
        onProgress: (doneS, totalS) => void context.progress(10 + 40 * (doneS / totalS), `transcribed ${Math.round(doneS)} of ${Math.round(totalS)} s`),
      }),
    request.onStage,
  );
  await context.log(`Transcribed ${secondsText(request.durationS)} of audio in ${secondsText(seconds)}: ${value.length} words.`);
  return value;
}
