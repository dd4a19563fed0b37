import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Objm } from '@nats-io/obj';
import { BUILTIN_KINDS, mediaOwnerMetadata, type JobEvent } from '@jetjobs/contracts';
import { publishWorkItem } from '@jetjobs/event-store';
import { isTerminalEvent, openTestEventStore, submitTestJob, waitForJobEvent, type TestEventStore } from '@jetjobs/testing';
import { startWorker, type Worker } from '@jetjobs/worker-runtime';
import { createAvfHandler } from '../avf.handler';
import type { AvfBackend } from '../backend';

export interface AvfTestWorker {
  readonly events: TestEventStore;
  /** Uploads the file to the namespace's object store and submits an `avf` job for it. */
  submit(file: string, options?: { filename?: string; sequenceLength?: number; size?: number }): Promise<string>;
  /** Submits an `avf` job with any input (for invalid inputs). */
  submitInput(input: unknown): Promise<string>;
  /** The job's events up to and including its terminal one. */
  finish(jobId: string): Promise<JobEvent[]>;
  /** Stops the worker, closes the backend (its threads) and removes the namespace. */
  close(): Promise<void>;
}

/** Jobs here analyse real video on a shared 2-core machine: generous, but still a bound. */
const JOB_TIMEOUT_MS = 120_000;

/**
 * The avf worker on the real worker runtime and event store, in a namespace of its own. Uploads
 * go straight into the object store, as the gateway puts them there. Jobs
 * are submitted as the registry would (a JobSubmitted event, then a work item): the registry
 * itself adds nothing to what these tests check.
 */
export async function startAvfTestWorker(label: string, backend: AvfBackend, allowlist: readonly string[] = []): Promise<AvfTestWorker> {
  const events = await openTestEventStore(label);
  const bucket = await new Objm(events.nc).open(events.names.mediaBucket);
  const worker: Worker = await startWorker({
    store: events.store,
    kind: BUILTIN_KINDS.avf,
    handler: createAvfHandler({ backend, sequenceLength: 50, source: { allowlist, maxBytes: 100 * 1024 ** 2, downloadTimeoutMs: 30_000 } }),
    ackWaitMs: 9_000,
  });
  const submitInput = async (input: unknown) => {
    const job = await submitTestJob(events.store, { kind: BUILTIN_KINDS.avf, input });
    await publishWorkItem(events.store.js, events.names, { jobId: job.jobId, kind: job.kind, attempt: 1 });
    return job.jobId;
  };
  return {
    events,
    submitInput,
    async submit(file, options = {}) {
      const filename = options.filename ?? basename(file);
      const object = `uploads/${randomUUID()}/${filename}`;
      // Owned by the project submitInput uses (submitTestJob's default), as the gateway records it.
      await bucket.put({ name: object, metadata: mediaOwnerMetadata({ projectId: 'project-a', purpose: 'upload' }) }, Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
      const size = options.size ?? (await stat(file)).size;
      return submitInput({ source: { upload: { object, filename, size, contentType: 'video/mp4' } }, sequenceLength: options.sequenceLength });
    },
    finish: (jobId) => waitForJobEvent(events.store, jobId, isTerminalEvent, JOB_TIMEOUT_MS),
    async close() {
      await worker.stop(2_000);
      await backend.close();
      await events.dispose();
    },
  };
}

/** The result of a completed job, or a failure that shows the events when it did not complete. */
export function resultOf(events: readonly JobEvent[]): Record<string, unknown> {
  const last = events.at(-1);
  if (last?.type !== 'JobCompleted') throw new Error(`the job did not complete: ${JSON.stringify(last)}`);
  return last.data.result as Record<string, unknown>;
}
