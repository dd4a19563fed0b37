import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, NotFoundException, Param, Post, Res, type OnModuleDestroy } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Response } from 'express';
import { Job, Queue, QueueEvents } from 'bullmq';

/**
 * What a team would build instead of jetjobs: the same HTTP surface on the same framework, a
 * BullMQ queue on Redis, status from `job.getState()`/`progress`, SSE fed by QueueEvents.
 */
const QUEUE = process.env['BENCH_QUEUE'] ?? 'bench';
const connection = { host: '127.0.0.1', port: Number(process.env['REDIS_PORT'] ?? 6379) };
const queue = new Queue(QUEUE, { connection });
const events = new QueueEvents(QUEUE, { connection });

@Controller('jobs')
class JobsController implements OnModuleDestroy {
  @Post()
  @HttpCode(202)
  async submit(@Body() body: { input?: unknown }) {
    const job = await queue.add('job', body.input ?? {}, { removeOnComplete: false, removeOnFail: false });
    return { id: job.id, status: 'queued' };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const job = await Job.fromId(queue, id);
    if (!job) throw new NotFoundException();
    return { id, status: await job.getState(), progress: job.progress, result: job.returnvalue ?? null };
  }

  /** Progress and completion of one job as SSE, from one shared QueueEvents connection. */
  @Get(':id/events')
  events(@Param('id') id: string, @Res() res: Response) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const onProgress = ({ jobId, data }: { jobId: string; data: unknown }) => {
      if (jobId === id) res.write(`event: progress\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
      if (jobId !== id) return;
      res.end(`event: completed\ndata: ${JSON.stringify(returnvalue)}\n\n`);
    };
    events.on('progress', onProgress);
    events.on('completed', onCompleted);
    res.on('close', () => {
      events.off('progress', onProgress);
      events.off('completed', onCompleted);
    });
  }

  async onModuleDestroy() {
    await events.close();
    await queue.close();
  }
}

@Module({ controllers: [JobsController] })
class BullmqBenchModule {}

async function main() {
  const app = await NestFactory.create(BullmqBenchModule, { logger: ['error'] });
  app.enableShutdownHooks();
  await app.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1');
  process.stdout.write(`listening ${await app.getUrl()}\n`);
}

void main();
