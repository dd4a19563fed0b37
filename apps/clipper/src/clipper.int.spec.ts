import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobEvent } from '@jetjobs/contracts';
import { runProcess } from '@jetjobs/media';
import type { Clip, ClipperResult } from './clip';
import { STOPWORDS } from './moments/lexicon';
import { dataOf, logLines, startClipperHarness, type ClipperHarness } from './testing/clipper.harness';
import { probeRenderedClip, type ClipFileInfo } from './testing/probe-clip.harness';
import { generateTalkVideo, type TalkVideo } from './testing/talk-video';

describe('clipper on a 2½-minute talk (pocketsphinx, local captions, real runtime)', () => {
  let dir: string;
  let harness: ClipperHarness;
  let talk: TalkVideo;
  let jobId: string;
  let events: JobEvent[];
  let result: ClipperResult;
  const rendered = new Map<string, ClipFileInfo>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clipper-talk-'));
    talk = await generateTalkVideo(join(dir, 'talk.mp4'), { paragraphs: 12, dir });
    harness = await startClipperHarness('clip');
    jobId = await harness.submit({ source: { upload: await harness.upload(join(dir, 'talk.mp4')) } });
    events = await harness.waitFor(jobId);
    result = dataOf<{ result: ClipperResult }>(events, 'JobCompleted')[0]?.result as ClipperResult;
    for (const clip of result?.clips ?? []) {
      const file = join(dir, clip.video_url.split('/').pop() as string);
      await harness.media.download(`clips/${jobId}/${clip.video_url.split('/').pop()}`, file);
      rendered.set(clip.video_url, await probeRenderedClip(file));
    }
  }, 400_000);

  afterAll(async () => {
    await harness?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('completes with at least 3 clips of 15–60 s inside the video, not overlapping, best first', () => {
    expect(events.at(-1)?.type).toBe('JobCompleted');
    expect(talk.durationS).toBeGreaterThan(120);
    expect(result.clips.length).toBeGreaterThanOrEqual(3);
    for (const clip of result.clips) {
      expect(clip.end - clip.start).toBeGreaterThanOrEqual(15);
      expect(clip.end - clip.start).toBeLessThanOrEqual(60);
      expect(clip.start).toBeGreaterThanOrEqual(0);
      expect(clip.end).toBeLessThanOrEqual(talk.durationS);
      expect(clip.virality_score).toBeGreaterThanOrEqual(0);
      expect(clip.virality_score).toBeLessThanOrEqual(100);
    }
    const byStart = [...result.clips].sort((a, b) => a.start - b.start);
    byStart.slice(1).forEach((clip, i) => expect(clip.start).toBeGreaterThanOrEqual((byStart[i] as Clip).end));
    const scores = result.clips.map((c) => c.virality_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('renders every clip exactly (end - start within 0.1 s), 9:16, playable, with sound, and a thumbnail', async () => {
    for (const [i, clip] of result.clips.entries()) {
      const info = rendered.get(clip.video_url) as ClipFileInfo;
      expect(clip.video_url).toBe(`/videos/${jobId}/clip_${i + 1}.mp4`);
      expect(Math.abs(info.durationS - (clip.end - clip.start))).toBeLessThanOrEqual(0.1);
      expect(info).toMatchObject({ width: 720, height: 1280, hasAudio: true });
      expect(await harness.media.exists(`clips/${jobId}/clip_${i + 1}.jpg`)).toBe(true);
    }
  });

  it('cuts clips in pauses, not in the middle of a word', async () => {
    for (const clip of result.clips) {
      const file = join(dir, clip.video_url.split('/').pop() as string);
      const length = clip.end - clip.start;
      expect(await peakVolume(file, 0, 0.06)).toBeLessThan(-30);
      expect(await peakVolume(file, length - 0.1, 0.06)).toBeLessThan(-30);
    }
  });

  it('titles and captions every clip from words that were spoken, with hashtags and a Shorts title of at most 100 characters', () => {
    const spoken = new Set(talk.spoken.join(' ').toLowerCase().match(/[a-z]{4,}/g)?.filter((w) => !STOPWORDS.has(w)));
    for (const clip of result.clips) {
      expect(clip.title.trim()).not.toBe('');
      expect(clip.video_title_for_youtube_short.length).toBeLessThanOrEqual(100);
      expect(clip.video_title_for_youtube_short.trim()).not.toBe('');
      expect(clip.video_description_for_tiktok).toMatch(/#[a-z]/);
      expect(clip.video_description_for_instagram).toMatch(/#[a-z]/);
      for (const text of [clip.title, clip.video_description_for_tiktok, clip.video_description_for_instagram]) {
        const said = (text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => spoken.has(w));
        expect(new Set(said).size).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('publishes each clip on its own as it is rendered, before the job completes', () => {
    const types = events.map((e) => e.type);
    const outputs = dataOf<{ output: Clip }>(events, 'JobOutputAdded').map((d) => d.output);
    expect(outputs).toEqual(result.clips);
    const completedAt = types.indexOf('JobCompleted');
    const outputAt = types.flatMap((type, i) => (type === 'JobOutputAdded' ? [i] : []));
    expect(Math.max(...outputAt)).toBeLessThan(completedAt);
    // Between two clips the next one is rendered (and logged): they arrive one at a time.
    outputAt.slice(1).forEach((at, i) => {
      const between = events.slice((outputAt[i] as number) + 1, at).filter((e) => e.type === 'JobLogged');
      expect(between.map((e) => (e.data as { line: string }).line).some((line) => line.startsWith('Rendering clip'))).toBe(true);
    });
  });

  it('logs each stage while it runs, so the status logs grow during the job', () => {
    const lines = logLines(events);
    const firstOutput = events.findIndex((e) => e.type === 'JobOutputAdded');
    const logsBeforeFirstClip = events.slice(0, firstOutput).filter((e) => e.type === 'JobLogged').length;
    expect(logsBeforeFirstClip).toBeGreaterThanOrEqual(6);
    for (const stage of [/^Reading uploaded video/, /^Transcribing audio with pocketsphinx/, /^Detecting scenes/, /^Found \d+ scene cuts/, /^Analyzing viral moments/, /^Scored \d+ candidate moments/, /^Finished: /]) {
      expect(lines.some((line) => stage.test(line))).toBe(true);
    }
    const progress = dataOf<{ progress: number }>(events, 'JobProgressed').map((d) => d.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('costs nothing with the local pipeline and counts the seconds transcribed', () => {
    expect(result.cost_analysis).toEqual({ total_cost: 0, gemini_api_calls: 0, whisper_duration_seconds: expect.any(Number) });
    expect(Math.abs(result.cost_analysis.whisper_duration_seconds - talk.durationS)).toBeLessThan(1);
  });
});

/** The loudest sample (dBFS) between two times of a file. */
async function peakVolume(file: string, from: number, length: number): Promise<number> {
  const { stderr } = await runProcess('ffmpeg', ['-hide_banner', '-nostats', '-ss', String(Math.max(0, from)), '-t', String(length), '-i', file, '-vn', '-af', 'volumedetect', '-f', 'null', '-']);
  const match = /max_volume:\s*(-?[\d.]+|-inf) dB/.exec(stderr);
  return match?.[1] === '-inf' ? -Infinity : Number(match?.[1] ?? 0);
}
