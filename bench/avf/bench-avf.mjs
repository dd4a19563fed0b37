// npm run bench:avf — frames per second analysed and wall time of the default avf pipeline
// (probe, audio envelope, face mesh per frame on every core, per-sequence correlation, verdict)
// on a 60 s 25 fps 640x360 synthetic talking head. A benchmark, not a test: it prints, it
// asserts nothing. Options: --seconds N (default 60), --threads N (default: cores),
// --skip N (frames the face detector may skip while the mesh tracks, default 10 as the worker),
// --size WxH (default 640x360: the talking head's size),
// --quality-matrix (instead: the verdicts on re-encoded copies, see quality-matrix.mjs; with
// --case NAME for one row).
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { qualityMatrix } from './quality-matrix.mjs';

// The pipeline as compiled by `tsc -b apps/avf-inference` (the npm script builds it first).
const require = createRequire(import.meta.url);
const dist = (path) => require(join(import.meta.dirname, '../../apps/avf-inference/dist', path));
const { probeVideo } = require('@jetjobs/media');
const { FacePool } = dist('local/face-pool.js');
const { createLocalBackend } = dist('local/local-backend.js');
const { aggregate } = dist('analysis/aggregate.js');
const { generateTalkingHead } = dist('testing/talking-head.js');

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    threads: { type: 'string', default: String(availableParallelism()) },
    skip: { type: 'string', default: '10' },
    size: { type: 'string', default: '640x360' },
    'quality-matrix': { type: 'boolean', default: false },
    case: { type: 'string' },
  },
});
const [width, height] = values.size.split('x').map(Number);
const seconds = Number(values.seconds);
const SPEECH = [
  'The quick brown fox jumps over the lazy dog, and then it runs away into the forest.',
  'Please remember to buy milk, bread and seven large apples on your way home tonight.',
  'Our quarterly results were better than expected, thanks to strong sales in every region.',
  'When the rain stopped, the children ran outside to play in the puddles near the old bridge.',
].join(' ');

/**
 * CPU seconds used so far by this process (every thread) and by its finished children (ffmpeg),
 * from /proc on Linux: on a shared machine the wall time says how busy the others were, the CPU
 * time says what the pipeline costs.
 */
function cpuSeconds() {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks (100/s)
  } catch {
    // not Linux: children's time unknown
  }
  return (own.user + own.system) / 1e6 + children;
}

/** The talking head, made once and kept in the temp dir. */
async function benchVideo() {
  // Not under a `jetjobs-` name: workers sweep their stale job folders from the temp dir at start.
  const dir = join(tmpdir(), 'avf-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `talking-head-${seconds}s-${width}x${height}.mp4`);
  if (existsSync(file)) return file;
  process.stderr.write(`[bench] generating a ${seconds} s talking head (once)...\n`);
  const part = `${file}.part.mp4`;
  await generateTalkingHead(part, { width, height, frames: seconds * 25, speech: `${SPEECH} ${SPEECH} ${SPEECH}` });
  renameSync(part, file);
  return file;
}

async function main() {
  const file = await benchVideo();
  const loadAtStart = loadavg();
  const t = performance.now();
  const pool = await FacePool.start(Number(values.threads), { detectorSkipFrames: Number(values.skip), minConfidence: 0.5 });
  const loadS = (performance.now() - t) / 1000;
  const backend = createLocalBackend(pool, { maxLag: 15, frameWidth: 640 });

  const threads = pool.size;
  const start = performance.now();
  const cpuStart = cpuSeconds();
  const info = await probeVideo(file);
  const report = await backend.analyse({
    jobId: 'bench', file, info, sequenceLength: 50, signal: new AbortController().signal,
    log: () => undefined, onSequence: () => undefined,
  });
  const verdict = aggregate(report.sequences, report.sync);
  const wallS = (performance.now() - start) / 1000;
  const cpuS = cpuSeconds() - cpuStart;
  await backend.close();

  const cores = cpus();
  const analysed = report.sequences.filter((s) => s.status === 'analysed').length;
  process.stdout.write([
    `avf benchmark — ${seconds} s ${width}x${height} 25 fps synthetic talking head (${report.videoFrames} frames), local backend, ${threads} face threads, detector skip ${values.skip}`,
    `machine: ${cores[0]?.model ?? 'unknown CPU'}, ${cores.length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `model load (once per process, all threads): ${loadS.toFixed(1)} s`,
    `wall time for the video (probe + decode + face mesh + correlation + verdict): ${wallS.toFixed(1)} s`,
    `frames analysed per second: ${(report.videoFrames / wallS).toFixed(1)} (real time is 25)`,
    `CPU: ${cpuS.toFixed(1)} s (worker threads, main thread and ffmpeg) = ${((1000 * cpuS) / report.videoFrames).toFixed(1)} ms per frame, ${(cpuS / wallS).toFixed(2)} of ${cores.length} cores used on average; with ${threads} idle cores that cost allows about ${((threads * report.videoFrames) / cpuS).toFixed(0)} frames/s`,
    `verdict: ${verdict.kind === 'verdict' ? `${verdict.prediction}${verdict.weak ? ' (inconclusive)' : ''}, score ${verdict.score}, confidence ${verdict.confidence}` : verdict.reason}; ${analysed} of ${report.sequences.length} sequences analysed`,
    '',
  ].join('\n'));
}

const run = values['quality-matrix']
  ? () => qualityMatrix(dist, { threads: Number(values.threads), seconds: 19, sentences: 4, only: values.case }).then((report) => process.stdout.write(report))
  : main;
run().catch((error) => {
  process.stderr.write(`bench:avf: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
