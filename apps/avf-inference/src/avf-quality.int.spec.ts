import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AvfBackend } from './backend';
import { FacePool } from './local/face-pool';
import { createLocalBackend } from './local/local-backend';
import { analyseCell } from './testing/matrix-cell';
import { CASES, QUALITIES, deliver, generateMaster, meetsExpectation, type MatrixCase } from './testing/quality-matrix';

/**
 * The reduced quality matrix: 10 s clips at the cells that decide the issue (the in-sync copy at
 * the worst quality, a 0.2 s lag where it is hardest, a lead at 12 fps, a dub, a still image at
 * the worst quality). The full matrix, at 19 s, is `npm run bench:avf -- --quality-matrix`; the
 * dub at the worst quality is inconclusive there, not fake (see docs/avf.md), so it is held here
 * to what it does: never a conclusive `real`.
 */
const CELLS: readonly (readonly [string, string])[] = [
  ['in sync', '320x180 CRF 38'],
  ['in sync', '480x270 CRF 30'],
  ['audio lag 0.2 s', '480x270 CRF 30'],
  ['audio lag 0.2 s', '320x180 CRF 38'],
  ['audio lead 0.15 s', '854x480 CRF 28 12 fps'],
  ['dubbed', '480x270 CRF 30'],
  ['still image', '320x180 CRF 38'],
];

describe('avf verdicts on delivered video quality (real ffmpeg re-encodes, face mesh, in-process)', () => {
  let backend: AvfBackend;
  let dir: string;
  const masters = new Map<string, Promise<string>>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'avf-quality-'));
    const pool = await FacePool.start(2, { detectorSkipFrames: 10, minConfidence: 0.5 });
    backend = createLocalBackend(pool, { maxLag: 15, frameWidth: 640 });
  });
  afterAll(async () => {
    await backend?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Two sentences of speech, 9.5 s: five sequences of 50 frames at 25 fps. */
  function master(matrixCase: MatrixCase): Promise<string> {
    const file = join(dir, `${matrixCase.name.replace(/\W+/g, '-')}.mp4`);
    if (!masters.has(file)) masters.set(file, generateMaster(file, matrixCase, 2, 9.5).then(() => file));
    return masters.get(file)!;
  }

  // A cell makes its clip and runs the face mesh over ~240 frames: well over Jest's default on a busy machine.
  async function analyse(caseName: string, qualityName: string) {
    const matrixCase = CASES.find((c) => c.name === caseName)!;
    const quality = QUALITIES.find((q) => q.name === qualityName)!;
    const file = join(dir, `${caseName}-${qualityName}`.replace(/\W+/g, '-') + '.mp4');
    await deliver(await master(matrixCase), file, quality);
    return { matrixCase, quality, cell: await analyseCell(backend, file) };
  }

  it.each(CELLS)('%s at %s', async (caseName, qualityName) => {
    const { matrixCase, quality, cell } = await analyse(caseName, qualityName);

    // On failure this shows what was found, not just that it was not what the issue asks.
    expect(meetsExpectation(matrixCase, quality, cell.outcome) ? 'as expected' : `${matrixCase.expected} case judged ${JSON.stringify(cell)}`).toBe('as expected');
    if (cell.outcome === 'inconclusive') expect(cell.confidence ?? 0).toBe(0);
    if (cell.outcome === 'fake') expect(cell.score).toBeGreaterThanOrEqual(0.5);
    if (matrixCase.expected === 'in_sync' && quality.crf <= 30) expect(cell.outcome).toBe('real');
  }, 180_000);

  it('does not call a dub at 320x180 CRF 38 real: fake, or inconclusive with no confidence', async () => {
    const { cell } = await analyse('dubbed', '320x180 CRF 38');
    expect(['fake', 'inconclusive']).toContain(cell.outcome);
    if (cell.outcome === 'inconclusive') expect(cell.confidence).toBe(0);
  }, 180_000);
});
