import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobEvent } from '@jetjobs/contracts';
import { executeCommand } from '@jetjobs/event-store';
import { generateTestVideo, waitForJobEvent } from '@jetjobs/testing';
import { FacePool } from './local/face-pool';
import { createLocalBackend } from './local/local-backend';
import { generateTalkingHead } from './testing/talking-head';
import { resultOf, startAvfTestWorker, type AvfTestWorker } from './testing/avf-worker.harness';

const SAID = 'The quick brown fox jumps over the lazy dog, and then it runs away into the forest.';
const DUBBED = 'Please remember to buy milk, bread and seven large apples on your way home tonight.';
const SIZE = { width: 320, height: 240 };

interface Sequence {
  status: string;
  correlation: number | null;
  lag: number | null;
  frames: number;
  forgery_probability: number | null;
}

describe('avf worker, local synchrony analysis (real ffmpeg, face mesh, NATS)', () => {
  let avf: AvfTestWorker;
  let dir: string;
  let jobTemp: string;
  const previousTemp = process.env['JETJOBS_TMP_DIR'];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'avf-fixtures-'));
    jobTemp = await mkdtemp(join(tmpdir(), 'avf-jobs-'));
    process.env['JETJOBS_TMP_DIR'] = jobTemp; // where the worker's per-job temp dirs go
    const pool = await FacePool.start(2, { detectorSkipFrames: 10, minConfidence: 0.5 });
    avf = await startAvfTestWorker('avf', createLocalBackend(pool, { maxLag: 15, frameWidth: 640 }));
  });
  afterAll(async () => {
    await avf?.close();
    process.env['JETJOBS_TMP_DIR'] = previousTemp;
    await rm(dir, { recursive: true, force: true });
    await rm(jobTemp, { recursive: true, force: true });
  });

  async function analyse(name: string, make: (file: string) => Promise<void>, sequenceLength?: number) {
    const file = join(dir, `${name}.mp4`);
    await make(file);
    const jobId = await avf.submit(file, { filename: `${name}.mp4`, sequenceLength });
    const events = await avf.finish(jobId);
    return { jobId, events, result: resultOf(events) as { prediction: string | null; score: number | null; confidence: number | null; message: string; metadata: Record<string, unknown> } };
  }
  const sequencesOf = (metadata: Record<string, unknown>) => metadata['sequences'] as Sequence[];

  it('judges a talking head in sync as real, with the AVF result shape and its evidence', async () => {
    const { jobId, events, result } = await analyse('in-sync', (file) => generateTalkingHead(file, { ...SIZE, frames: 134, speech: SAID }));

    expect(Object.keys(result).sort()).toEqual(['confidence', 'message', 'metadata', 'prediction', 'score', 'success']);
    expect(result).toMatchObject({ success: true, message: 'Inference completed successfully', prediction: 'real' });
    expect(result.score).toBeLessThan(0.2);
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.metadata).toMatchObject({ sequence_length: 50, video_frames: 134, request_id: jobId, source_filename: 'in-sync.mp4', backend: 'local', inconclusive: false, sequences_total: 3 });
    expect(result.metadata['video_path']).toEqual(expect.any(String));
    const sequences = sequencesOf(result.metadata);
    expect(sequences.map((s) => s.frames)).toEqual([50, 50, 34]);
    for (const sequence of sequences) {
      expect(sequence.status).toBe('analysed');
      expect(sequence.correlation).toBeGreaterThan(0.7);
      expect(Math.abs(sequence.lag!)).toBeLessThanOrEqual(1);
    }
    expect(progressDetails(events)).toEqual(expect.arrayContaining([expect.stringMatching(/^sequence 3 of 3: in sync \(r=0\.\d+ at lag -?\d\)$/)]));
    expect(logLines(events)).toEqual(expect.arrayContaining([expect.stringMatching(/^probed: h264 320x240, 134 frames/), expect.stringMatching(/^verdict: real/)]));
  });

  it('judges a dubbed talking head (the mouth says other sentences) as fake', async () => {
    // The absence of any sync is only evidence of a dub on a mouth large enough to read (46 px and
    // up; it is ~35 px at 320x240) and over enough sequences for chance peaks to average out.
    const make = (file: string) => generateTalkingHead(file, { width: 640, height: 480, frames: 250, speech: `${SAID} ${DUBBED}`, mouthSpeech: `${DUBBED} ${SAID}` });
    const { result } = await analyse('dubbed', make);
    expect(result.prediction).toBe('fake');
    expect(result.score).toBeGreaterThanOrEqual(0.5);
  }, 120_000);

  it('judges a talking head whose audio is 0.6 s late as fake, finding the shift at the edge of the lags', async () => {
    const { result } = await analyse('shifted', (file) => generateTalkingHead(file, { ...SIZE, frames: 150, speech: SAID, audioDelayS: 0.6 }));
    expect(result.prediction).toBe('fake');
    const analysed = sequencesOf(result.metadata).filter((s) => s.status === 'analysed');
    expect(analysed.length).toBeGreaterThan(0);
    for (const sequence of analysed) expect(sequence.lag).toBeGreaterThanOrEqual(12);
  });

  it('judges a still image with speech as fake, with the sequence length the job asked for', async () => {
    const { result } = await analyse('still', (file) => generateTalkingHead(file, { ...SIZE, frames: 120, speech: SAID, still: true }), 40);
    expect(result.prediction).toBe('fake');
    expect(result.metadata['sequence_length']).toBe(40);
    expect(sequencesOf(result.metadata).map((s) => s.frames)).toEqual([40, 40, 40]);
  });

  it('reports a video without a face as inconclusive, with no verdict', async () => {
    const { result } = await analyse('no-face', (file) => generateTestVideo(file, { ...SIZE, durationS: 4, audio: { speech: SAID } }));
    expect(result).toMatchObject({ success: true, prediction: null, score: null, confidence: null });
    expect(result.message).toMatch(/inconclusive: no face was found/);
    expect(result.metadata).toMatchObject({ inconclusive: true, inconclusive_reason: 'no_face', sequences_analysed: 0, video_frames: 100 });
  });

  it('stops a cancelled job between sequences and records the cancellation', async () => {
    const file = join(dir, 'long.mp4');
    await generateTalkingHead(file, { ...SIZE, frames: 200, speech: SAID });
    const jobId = await avf.submit(file, { sequenceLength: 10 });
    await waitForJobEvent(avf.events.store, jobId, (e) => e.type === 'JobProgressed' && (e.data.detail ?? '').startsWith('sequence 1 of 20'), 60_000);
    await executeCommand(avf.events.store, { jobId }, { type: 'RequestCancel', data: { reason: 'not needed' } }, { correlationId: jobId, causationId: null });

    const events = await avf.finish(jobId);
    expect(events.at(-1)).toMatchObject({ type: 'JobCancelled' });
    expect(progressDetails(events).filter((d) => d.startsWith('sequence')).length).toBeLessThan(20);
  });

  it('leaves no temp files behind, however the jobs ended', async () => {
    expect(await readdir(jobTemp)).toEqual([]);
  });
});

const progressDetails = (events: readonly JobEvent[]) => events.flatMap((e) => (e.type === 'JobProgressed' ? [e.data.detail ?? ''] : []));
const logLines = (events: readonly JobEvent[]) => events.flatMap((e) => (e.type === 'JobLogged' ? [e.data.line] : []));
