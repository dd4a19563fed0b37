// npm run bench:clipper — processing time of a clipper job on a 10-minute talk, split by stage
// (transcription, scenes, analysis, rendering per clip), with the real-time factor and the
// machine's description. The job runs as in production: the clipper handler on the worker
// runtime, the video in the NATS object store, events in JetStream (NATS_URL, default local).
// A benchmark, not a test: it prints, it asserts nothing.
// Options: --paragraphs N (default 47, ≈ 10 minutes of flite speech), --aspect vertical|original.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// The app as compiled by `tsc -b apps/clipper` (the npm script builds it first), and the libs.
const require = createRequire(import.meta.url);
const dist = (path) => require(join(import.meta.dirname, '../../apps/clipper/dist', path));
const { createClipperHandler } = dist('clipper.handler.js');
const { loadClipperConfig } = dist('clipper-config.js');
const { bucketFileStore } = dist('storage/file-store.js');
const { generateTalkVideo } = dist('testing/talk-video.js');
const { startWorker } = require('@jetjobs/worker-runtime');
const { publishWorkItem } = require('@jetjobs/event-store');
const { openTestEventStore, submitTestJob, waitForJobEvent, isTerminalEvent } = require('@jetjobs/testing');
const { probeMedia } = require('@jetjobs/media');
const { Objm } = require('@nats-io/obj');

const { values } = parseArgs({ options: { paragraphs: { type: 'string', default: '47' }, aspect: { type: 'string', default: 'vertical' } } });

/** The talk, generated once and cached: flite paragraphs over test-pattern shots with hard cuts. */
async function benchVideo() {
  const dir = join(process.env.JETJOBS_TMP_DIR ?? tmpdir(), 'jetjobs-bench-clipper');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `talk-${values.paragraphs}.mp4`);
  if (!existsSync(file)) {
    process.stderr.write(`[bench] generating a talk of ${values.paragraphs} paragraphs (once)...\n`);
    const scratch = mkdtempSync(join(dir, 'speech-'));
    try {
      await generateTalkVideo(`${file}.part.mp4`, { paragraphs: Number(values.paragraphs), dir: scratch });
      renameSync(`${file}.part.mp4`, file);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return { file, durationS: (await probeMedia(file)).durationS };
}

/**
 * CPU seconds of this process and of its finished children (ffmpeg, pocketsphinx), from /proc:
 * unlike wall time, it barely depends on what else the machine is running.
 */
function cpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0); // utime stime cutime cstime
  return ticks / 100;
}

async function main() {
  const { file, durationS } = await benchVideo();
  const events = await openTestEventStore('benchclip');
  const bucket = await new Objm(events.nc).open(events.names.mediaBucket);
  const files = bucketFileStore(bucket);
  const stages = [];
  const config = loadClipperConfig();
  const handler = createClipperHandler(config, { files, onStage: (s) => stages.push({ ...s, cpu: cpuSeconds() }) });
  const worker = await startWorker({ store: events.store, kind: 'clipper', handler, ackWaitMs: 60_000 });
  try {
    await files('uploads/bench/talk.mp4', file, 'video/mp4');
    const upload = { object: 'uploads/bench/talk.mp4', filename: 'talk.mp4', size: statSync(file).size, contentType: 'video/mp4' };
    const loadBefore = loadavg()[0];
    const cpuBefore = cpuSeconds();
    const started = performance.now();
    const job = await submitTestJob(events.store, { kind: 'clipper', input: { source: { upload }, aspect: values.aspect } });
    await publishWorkItem(events.store.js, events.names, { jobId: job.jobId, kind: 'clipper', attempt: 1 });
    const history = await waitForJobEvent(events.store, job.jobId, isTerminalEvent, 3_600_000);
    const wallS = (performance.now() - started) / 1000;
    const cpuS = cpuSeconds() - cpuBefore;
    const last = history.at(-1);
    if (last.type !== 'JobCompleted') throw new Error(`the job ended with ${last.type}: ${JSON.stringify(last.data)}`);
    report({ durationS, wallS, cpuS, cpuBefore, loadBefore, stages, clips: last.data.result.clips.length, processes: config.CLIPPER_STT_PROCESSES });
  } finally {
    await worker.stop(5_000);
    await events.dispose();
  }
}

function report({ durationS, wallS, cpuS, cpuBefore, loadBefore, stages, clips, processes }) {
  const of = (stage) => stages.filter((s) => s.stage === stage);
  const seconds = (stage) => of(stage).reduce((sum, s) => sum + s.seconds, 0);
  const renders = of('clip').map((s) => s.seconds);
  const analysisS = seconds('analysis');
  const analysisCpuS = (of('analysis')[0]?.cpu ?? cpuBefore) - cpuBefore;
  const cores = availableParallelism();
  const rt = (s) => `${s.toFixed(1)} s (${(s / durationS).toFixed(3)}× real time)`;
  const cpu = cpus();
  process.stdout.write([
    `clipper benchmark — ${(durationS / 60).toFixed(1)}-minute talk (flite speech, 640x360 25 fps test-pattern shots with hard cuts), ${values.aspect} clips, pocketsphinx + local captions`,
    `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; load average ${loadBefore.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end`,
    `source (object store → temp file): ${seconds('source').toFixed(1)} s`,
    `audio pass (wav, pauses, loudness): ${seconds('audio').toFixed(1)} s`,
    `transcription (pocketsphinx, ${processes} processes on ~30 s pieces): ${rt(seconds('transcription'))}`,
    `scene detection (alongside transcription): ${rt(seconds('scenes'))}`,
    `analysis, everything before rendering: ${rt(analysisS)} — goal < 0.5× real time: ${analysisS < durationS / 2 ? 'met' : 'NOT met'}`,
    `rendering: ${clips} clip${clips === 1 ? '' : 's'}, ${renders.map((s) => s.toFixed(1)).join(', ')} s each (mean ${(renders.reduce((a, b) => a + b, 0) / Math.max(1, renders.length)).toFixed(1)} s, upload included)`,
    `whole job: ${rt(wallS)}`,
    `CPU used: analysis ${analysisCpuS.toFixed(0)} s, rendering ${(cpuS - analysisCpuS).toFixed(0)} s, ${(cpuS / wallS).toFixed(2)} of ${cores} cores busy on average`,
    `on an otherwise idle machine (CPU ÷ ${cores} cores, an estimate): analysis ≥ ${rt(analysisCpuS / cores)}, whole job ≥ ${rt(cpuS / cores)}`,
    '',
  ].join('\n'));
}

main().catch((error) => {
  process.stderr.write(`bench:clipper: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
