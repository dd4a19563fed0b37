// npm run bench:avf -- --quality-matrix — the AVF verdict on talking heads re-encoded the way
// platforms deliver video: {in sync, audio lag 0.2 s, lead 0.15 s, lag 0.6 s, dubbed, still image}
// x {640x360 CRF 20, 480x270 CRF 30, 320x180 CRF 38, 854x480 CRF 28 at 12 fps}, each case a 19 s
// master made with the project's talking-head maker and re-encoded by ffmpeg. Prints the
// confusion table with scores and whether each cell meets what the issue asks (see
// `meetsExpectation`); it asserts nothing, so a cell that fails is reported, not hidden.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/** Runs the matrix with `dist(path)` loading the compiled worker; returns the printed report. */
export async function qualityMatrix(dist, { threads, seconds, sentences, only }) {
  const { FacePool } = dist('local/face-pool.js');
  const { createLocalBackend } = dist('local/local-backend.js');
  const { analyseCell } = dist('testing/matrix-cell.js');
  const { CASES, QUALITIES, generateMaster, deliver, meetsExpectation } = dist('testing/quality-matrix.js');
  // Not under a `jetjobs-` name: workers sweep their stale job folders from the temp dir at start.
  const dir = join(tmpdir(), 'avf-bench-quality-matrix');
  mkdirSync(dir, { recursive: true });
  const pool = await FacePool.start(threads, { detectorSkipFrames: 10, minConfidence: 0.5 });
  const backend = createLocalBackend(pool, { maxLag: 15, frameWidth: 640 });
  const cases = CASES.filter((c) => !only || c.name === only);
  const rows = [];
  let frames = 0;
  let analysisS = 0;
  let met = 0;
  try {
    for (const matrixCase of cases) {
      const master = await cached(join(dir, `${slug(matrixCase.name)}-${sentences}x${seconds}s.mp4`), (part) => generateMaster(part, matrixCase, sentences, seconds));
      const cells = [];
      for (const quality of QUALITIES) {
        const file = await cached(join(dir, `${slug(matrixCase.name)}-${sentences}x${seconds}s-${slug(quality.name)}.mp4`), (part) => deliver(master, part, quality));
        const start = performance.now();
        const cell = await analyseCell(backend, file);
        analysisS += (performance.now() - start) / 1000;
        frames += cell.frames;
        const ok = meetsExpectation(matrixCase, quality, cell.outcome);
        met += ok ? 1 : 0;
        cells.push(`${cell.outcome} ${cell.score ?? '-'}${ok ? '' : ' ✗'}`);
        process.stderr.write(`[matrix] ${matrixCase.name} | ${quality.name}: ${cell.outcome} score ${cell.score} confidence ${cell.confidence} — ${cell.summary}\n`);
      }
      rows.push(`| ${matrixCase.name} (${matrixCase.expected.replace('_', ' ')}) | ${cells.join(' | ')} |`);
    }
  } finally {
    await backend.close();
  }
  const total = cases.length * QUALITIES.length;
  return [
    `avf quality matrix — ${seconds} s talking heads, ${threads} face threads; cell = verdict and score (✗: not what the issue asks)`,
    '',
    `| case (expected) | ${QUALITIES.map((q) => q.name).join(' | ')} |`,
    `|---|${QUALITIES.map(() => '---').join('|')}|`,
    ...rows,
    '',
    `${met} of ${total} cells as expected; ${frames} frames analysed in ${analysisS.toFixed(1)} s (${(frames / analysisS).toFixed(1)} frames/s, probe and decode included)`,
    '',
  ].join('\n');
}

const slug = (name) => name.replace(/\W+/g, '-');

/** Fixtures are made once and kept in the temp dir; a half-written one never counts as made. */
async function cached(file, make) {
  if (existsSync(file)) return file;
  const part = `${file}.part.mp4`;
  await make(part);
  renameSync(part, file);
  return file;
}
