import { Worker } from 'bullmq';

/** The BullMQ counterpart of the echo worker: five progress updates, then the result. */
const worker = new Worker(
  process.env['BENCH_QUEUE'] ?? 'bench',
  async (job) => {
    for (let step = 1; step <= 5; step++) await job.updateProgress(step * 20);
    return { echo: job.data ?? null };
  },
  { connection: { host: '127.0.0.1', port: Number(process.env['REDIS_PORT'] ?? 6379) }, concurrency: Number(process.env['WORKER_CONCURRENCY'] ?? 32) },
);

const stop = () => void worker.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
