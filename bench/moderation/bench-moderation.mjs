// npm run bench:moderation — frames classified per second and wall time of the moderation
// pipeline (scene scan, sampling, classification with the default local model, verdict) on a
// 10-minute video at the default sampling. A benchmark, not a test: it prints, it asserts nothing.
// Wall time depends on who else uses the machine; the CPU time per frame (this process, its
// classification threads and its ffmpeg children, from /proc) is the figure to compare runs by.
// Options: --minutes N (default 10), --interval S (default 1), --model MobileNetV2|MobileNetV2Mid,
// --threads N (default: cores, at most 2, as the worker).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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

/**
 * CPU seconds used so far by this process (all its threads) and by its finished child processes
 * (ffmpeg), from /proc/self/stat: utime, stime, cutime, cstime in clock ticks (100 per second on
 * Linux). CPU time is the stable figure on a shared machine; wall time depends on who else runs.
 */
function cpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  const ticks = (i) => Number(fields[i - 3]);
  return { self: (ticks(14) + ticks(15)) / 100, children: (ticks(16) + ticks(17)) / 100 };
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main() {
  const file = benchVideo();
  const signal = new AbortController().signal;
  let t = performance.now();
  const classifier = await createNsfwjsClassifier({ model: values.model, threads: Number(values.threads) });
  const loadS = (performance.now() - t) / 1000;

  const loadStart = load();
  const cpu0 = cpuSeconds();
  const start = performance.now();
  const scan = await scanFrames(file, signal);
  const plan = planSamples(scan, { intervalS, sceneThreshold: 0.1, minSceneS: 1 });
  const scanS = (performance.now() - start) / 1000;
  const cpu1 = cpuSeconds();
  t = performance.now();
  const samples = await classifyFrames({ signal }, { file, dir: join(file, '..'), plan }, classifier, () => undefined);
  const classifyS = (performance.now() - t) / 1000;
  const cpu2 = cpuSeconds();
  const verdict = videoVerdict(samples, { thresholds: DEFAULT_THRESHOLDS, minIntervalSamples: 2 }, 20);
  const wallS = (performance.now() - start) / 1000;
  await classifier.close();

  const cores = cpus();
  const n = samples.length;
  const ms = (seconds) => `${((seconds / n) * 1000).toFixed(0)} ms`;
  const scanCpu = cpu1.self - cpu0.self + cpu1.children - cpu0.children;
  const classifySelf = cpu2.self - cpu1.self;
  const classifyChildren = cpu2.children - cpu1.children;
  const totalCpu = cpu2.self - cpu0.self + cpu2.children - cpu0.children;
  process.stdout.write([
    `moderation benchmark — ${minutes}-minute 640x360 25 fps video, 1 sample every ${intervalS} s + scene cuts, ${classifier.description}`,
    `machine: ${cores[0]?.model ?? 'unknown CPU'}, ${cores.length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`,
    `load average (1, 5, 15 min): ${loadStart} at the start, ${load()} at the end`,
    `model load (once per process): ${loadS.toFixed(1)} s`,
    `scan (decode + scene scores of ${scan.times.length} frames): ${scanS.toFixed(1)} s, ${scanCpu.toFixed(1)} s CPU → ${n} samples, ${plan.filter((s) => s.sceneCut).length} at scene cuts`,
    `classification: ${classifyS.toFixed(1)} s = ${(n / classifyS).toFixed(1)} frames/s; CPU ${classifySelf.toFixed(1)} s in this process (${ms(classifySelf)} per frame) + ${classifyChildren.toFixed(1)} s in ffmpeg`,
    `whole video (scan + classification + verdict): ${wallS.toFixed(1)} s = **${(n / wallS).toFixed(1)} frames/s**; CPU ${totalCpu.toFixed(1)} s = ${ms(totalCpu)} per frame (process + threads + ffmpeg), ${(totalCpu / wallS).toFixed(2)} cores busy on average`,
    `estimate for ${cores.length} idle cores from CPU time: ${(totalCpu / cores.length).toFixed(1)} s = ${(n / (totalCpu / cores.length)).toFixed(1)} frames/s; prohibited: ${verdict.isProhibited}`,
    '',
  ].join('\n'));
}

main().catch((error) => {
  process.stderr.write(`bench:moderation: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
