// npm run bench:moderation — frames classified per second and wall time of the moderation
// pipeline (scene scan, sampling, classification with the default local model, verdict) on a
// 10-minute video at the default sampling. A benchmark, not a test: it prints, it asserts nothing.
// Options: --minutes N (default 10), --interval S (default 1), --model MobileNetV2|MobileNetV2Mid,
// --threads N (default: cores, at most 2, as the worker).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

// The pipeline as compiled by `tsc -b apps/moderation` (the npm script builds it first).
const require = createRequire(import.meta.url);
const dist = (path) => require(join(import.meta.dirname, '../../apps/moderation/dist', path));
const { createNsfwjsClassifier } = dist('classifiers/local/nsfwjs-classifier.js');
const { scanFrames } = dist('sampling/scan-frames.js');
const { planSamples } = dist('sampling/sample-plan.js');
const { classifyFrames } = dist('pipeline/classify-frames.js');
const { videoVerdict } = dist('verdict/video-verdict.js');
const { DEFAULT_THRESHOLDS } = dist('config/thresholds.js');

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, interval: { type: 'string', default: '1' }, model: { type: 'string', default: 'MobileNetV2' }, threads: { type: 'string', default: String(Math.min(2, availableParallelism())) } } });
const minutes = Number(values.minutes);
const intervalS = Number(values.interval);

/** 640x360 25 fps test pattern, negated for 20 s in every 40, so the scan finds real scene cuts. Cached. */
function benchVideo() {
  const dir = join(process.env.JETJOBS_TMP_DIR ?? tmpdir(), 'jetjobs-bench-moderation');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pattern-${minutes}min.mp4`);
  if (existsSync(file)) return file;
  process.stderr.write(`[bench] generating a ${minutes}-minute test video (once)...\n`);
  const seconds = Math.round(minutes * 60);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${seconds}`,
    '-vf', "negate=enable='lt(mod(t+0.5\\,40)\\,20)'", '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', `${file}.part.mp4`]);
  execFileSync('mv', [`${file}.part.mp4`, file]);
  return file;
}

async function main() {
  const file = benchVideo();
  const signal = new AbortController().signal;
  let t = performance.now();
  const classifier = await createNsfwjsClassifier({ model: values.model, threads: Number(values.threads) });
  const loadS = (performance.now() - t) / 1000;

  const start = performance.now();
  const scan = await scanFrames(file, signal);
  const plan = planSamples(scan, { intervalS, sceneThreshold: 0.1, minSceneS: 1 });
  const scanS = (performance.now() - start) / 1000;
  t = performance.now();
  const cpuBefore = process.cpuUsage();
  const samples = await classifyFrames({ signal }, { file, dir: join(file, '..'), plan }, classifier, () => undefined);
  const classifyS = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // This process's CPU time (its classification threads included), ffmpeg's not counted.
  const classifyCpuS = (cpu.user + cpu.system) / 1e6;
  const verdict = videoVerdict(samples, { thresholds: DEFAULT_THRESHOLDS, minIntervalSamples: 2 }, 20);
  const wallS = (performance.now() - start) / 1000;
  await classifier.close();

  const cores = cpus();
  const fps = samples.length / classifyS;
  process.stdout.write([
    `moderation benchmark — ${minutes}-minute 640x360 25 fps video, 1 sample every ${intervalS} s + scene cuts, ${classifier.description}`,
    `machine: ${cores[0]?.model ?? 'unknown CPU'}, ${cores.length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `model load (once per process): ${loadS.toFixed(1)} s`,
    `scan (decode + scene scores of ${scan.times.length} frames): ${scanS.toFixed(1)} s → ${plan.length} samples, ${plan.filter((s) => s.sceneCut).length} at scene cuts`,
    `classification: ${samples.length} frames in ${classifyS.toFixed(1)} s = ${fps.toFixed(1)} frames/s (decode of the sampled frames overlapped)`,
    `classification CPU: ${((classifyCpuS / samples.length) * 1000).toFixed(0)} ms per frame in this process (threads included, ffmpeg not), ${(classifyCpuS / classifyS).toFixed(2)} cores busy on average`,
    `wall time for the video (scan + classification + verdict): ${wallS.toFixed(1)} s; prohibited: ${verdict.isProhibited}`,
    '',
  ].join('\n'));
}

main().catch((error) => {
  process.stderr.write(`bench:moderation: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
