import { Inject, Injectable } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import { Objm, type ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { isOwnedBy, isTerminal, MEDIA_PURPOSES, type JobEvent, type Names } from '@jetjobs/contracts';
import { consumeInBatches, decodeEvent, ensureDurableConsumer, EVENT_TYPE_HEADER, EventStore, MediaUsage } from '@jetjobs/event-store';
import { NAMES, NATS_CONNECTION } from '@jetjobs/event-store-nest';
import { BackgroundLoop } from '../background/background-loop';
import { REGISTRY_CONFIG, type RegistryConfig } from '../registry-config';
import { uploadObjectOf } from './upload-object-of';

const ENDINGS: ReadonlySet<string> = new Set(['JobCompleted', 'JobFailed', 'JobCancelled']);

/**
 * Deletes a job's upload once the job has ended: at once when it completed; after
 * `JETJOBS_UPLOAD_RETENTION_MS` when it failed or was cancelled, so that a retry or redrive in
 * that time still finds its video. The wait is a redelivery delay (nak), so no timer lives in
 * memory; when it is due the job is read again, and a job that was retried meanwhile keeps its
 * upload until it ends again. Only an upload that records the job's own project is deleted.
 */
@Injectable()
export class UploadReaperService extends BackgroundLoop {
  private bucket: Promise<ObjectStore> | null = null;
  private usage: Promise<MediaUsage> | undefined;

  constructor(
    private readonly store: EventStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(NAMES) private readonly names: Names,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {
    super();
  }

  protected async run(signal: AbortSignal): Promise<void> {
    const spec = { stream: this.names.jobsStream, name: this.names.uploadReaperConsumer, filterSubject: this.names.jobsWildcard };
    await ensureDurableConsumer(this.store.jsm, { ...spec, ackWaitMs: 30_000, maxDeliver: -1 });
    await consumeInBatches(this.store.js, spec.stream, spec.name, (batch) => this.handleBatch(batch), { maxBatch: 256, signal });
  }

  private async handleBatch(batch: JsMsg[]): Promise<void> {
    for (const message of batch) {
      // The type header spares decoding the many events that end nothing; one without it is decoded.
      const type = message.headers?.get(EVENT_TYPE_HEADER) ?? '';
      if (type !== '' && !ENDINGS.has(type)) {
        message.ack();
        continue;
      }
      const delayMs = await this.handle(message);
      if (delayMs === null) message.ack();
      else message.nak(delayMs);
    }
  }

  /** Resolves to null when done, or to the time left before the upload is due for deletion. */
  private async handle(message: JsMsg): Promise<number | null> {
    const event = this.decode(message);
    if (event === null || !ENDINGS.has(event.type)) return null;
    if (event.type !== 'JobCompleted') {
      const wait = Date.parse(event.metadata.occurredAt) + this.config.JETJOBS_UPLOAD_RETENTION_MS - Date.now();
      if (wait > 0) return wait;
    }
    const { state } = await this.store.load(event.metadata.jobId);
    if (state.status === 'absent' || !isTerminal(state.status)) return null;
    const object = uploadObjectOf(state.input);
    if (object === null) return null;
    const bucket = await this.openBucket();
    const info = await bucket.info(object);
    if (!info || info.deleted) return null;
    if (!isOwnedBy(info.metadata, state.projectId, MEDIA_PURPOSES.upload)) return null;
    await bucket.delete(object);
    // The bytes no longer count against the project's storage quota.
    this.usage ??= MediaUsage.open(this.nc, this.names).catch((error: unknown) => {
      this.usage = undefined;
      throw error;
    });
    await (await this.usage).forget(state.projectId, object);
    return null;
  }

  private decode(message: JsMsg): JobEvent | null {
    try {
      return decodeEvent(message).event;
    } catch (error) {
      this.logger.error(`skipping undecodable event at sequence ${message.seq}: ${String(error)}`);
      return null;
    }
  }

  private openBucket(): Promise<ObjectStore> {
    this.bucket ??= new Objm(this.nc).open(this.names.mediaBucket).catch((error: unknown) => {
      this.bucket = null;
      throw error;
    });
    return this.bucket;
  }
}
