import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { freePort } from '@jetjobs/testing';
import { JsonClient } from '../common/http-client';
import { startService, waitUntil } from '../common/processes';
import type { LifecycleTarget } from '../common/target';

/** The BullMQ alternative: HTTP server and worker processes on the local Redis. */
export async function startBullmq(workerConcurrency: number): Promise<LifecycleTarget> {
  const queueName = `bench-${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const env = { BENCH_QUEUE: queueName, PORT: String(port), WORKER_CONCURRENCY: String(workerConcurrency) };
  const server = startService('bullmq-server', 'bench/dist/bullmq/bullmq-server.main.js', env);
  const worker = startService('bullmq-worker', 'bench/dist/bullmq/bullmq-worker.main.js', env);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntil(async () => server.output().includes('listening'), [server, worker]);
  return {
    name: 'bullmq',
    pids: [server.child.pid ?? 0, worker.child.pid ?? 0],
    processes: { 'bullmq-server': server.child.pid ?? 0, 'bullmq-worker': worker.child.pid ?? 0 },
    servers: { redis: /^\S*redis-server / },
    client: (maxSockets) => new JsonClient(baseUrl, {}, maxSockets),
    async submit(client) {
      const { status, body } = await client.send<{ id: string }>('POST', '/jobs', { input: { steps: 5 } });
      if (status !== 202) throw new Error(`bullmq submit answered ${status}`);
      return body.id;
    },
    async isCompleted(client, id) {
      const { body } = await client.send<{ status: string }>('GET', `/jobs/${id}`);
      return body.status === 'completed';
    },
    async stop() {
      await worker.stop();
      await server.stop();
      const queue = new Queue(queueName, { connection: { host: '127.0.0.1', port: 6379 } });
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}
