import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Objm } from '@nats-io/obj';
import type { JobEvent, MediaRef } from '@jetjobs/contracts';
import { executeCommand, publishWorkItem } from '@jetjobs/event-store';
import { isTerminalEvent, openTestEventStore, submitTestJob, waitForJobEvent, type TestEventStore } from '@jetjobs/testing';
import { MediaStore, startWorker, type Worker } from '@jetjobs/worker-runtime';
import { createClipperHandler } from '../clipper.handler';
import { loadClipperConfig } from '../clipper-config';
import { bucketFileStore } from '../storage/file-store';

/** A clipper worker on the real worker runtime, event store and object store, in its own namespace. */
export interface ClipperHarness {
  readonly events: TestEventStore;
  readonly media: MediaStore;
  /** Puts a local file in the object store as an upload and returns its reference. */
  upload(file: string, contentType?: string): Promise<MediaRef>;
  /** Submits a clipper job and hands it to the worker; returns its id. */
  submit(input: unknown): Promise<string>;
  /** Every event of the job up to the first that matches (default: the terminal one). */
  waitFor(jobId: string, predicate?: (event: JobEvent) => boolean, timeoutMs?: number): Promise<JobEvent[]>;
  cancel(jobId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startClipperHarness(label: string, env: Record<string, string> = {}): Promise<ClipperHarness> {
  const events = await openTestEventStore(label);
  const config = loadClipperConfig({ CLIPPER_STT_PROCESSES: '2', JETJOBS_SOURCE_URL_ALLOWLIST: '127.0.0.1', ...env });
  const bucket = await new Objm(events.nc).open(events.names.mediaBucket);
  const files = bucketFileStore(bucket);
  const handler = createClipperHandler(config, { files });
  const worker: Worker = await startWorker({ store: events.store, kind: 'clipper', handler, ackWaitMs: 30_000 });
  const media = new MediaStore(bucket);
  return {
    events,
    media,
    async upload(file, contentType = 'video/mp4') {
      const object = `uploads/${randomUUID()}/${basename(file)}`;
      // Owned by the project `submit` uses (submitTestJob's default), as the gateway records it.
      await files(object, file, contentType, { projectId: 'project-a', purpose: 'upload' });
      return { object, filename: basename(file), size: (await stat(file)).size, contentType };
    },
    async submit(input) {
      const job = await submitTestJob(events.store, { kind: 'clipper', input });
      await publishWorkItem(events.store.js, events.names, { jobId: job.jobId, kind: 'clipper', attempt: 1 });
      return job.jobId;
    },
    waitFor: (jobId, predicate = isTerminalEvent, timeoutMs = 240_000) => waitForJobEvent(events.store, jobId, predicate, timeoutMs),
    async cancel(jobId) {
      await executeCommand(events.store, { jobId }, { type: 'RequestCancel', data: { reason: 'test cancel' } }, { correlationId: jobId, causationId: null });
    },
    async close() {
      await worker.stop(5_000);
      await events.dispose();
    },
  };
}

/** The data of the events of one type, in order. */
export function dataOf<T = Record<string, unknown>>(events: readonly JobEvent[], type: JobEvent['type']): T[] {
  return events.filter((e) => e.type === type).map((e) => e.data as T);
}

/** The log lines of a job, in order. */
export const logLines = (events: readonly JobEvent[]): string[] => dataOf<{ line: string }>(events, 'JobLogged').map((d) => d.line);
