import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Names } from '@jetjobs/contracts';
import { EventStore } from '@jetjobs/event-store';
import { DATA_SOURCE } from '../database/database.providers';
import { ConsumerProgress } from './consumer-progress';

/** A consumer that delivers nothing this long while messages wait makes the registry not ready. */
const STALL_MS = 60_000;

export const REGISTRY_CONSUMERS = Symbol('REGISTRY_CONSUMERS');

/** A durable consumer this registry runs: only those whose loop is on are checked. */
export interface RegistryConsumer {
  readonly stream: string;
  readonly name: string;
}

/**
 * Whether this registry can do its work: PostgreSQL answers, NATS answers a round trip, and each
 * of its consumers exists and moves. Rejects with the first reason it is not.
 */
@Injectable()
export class RegistryReadiness {
  private readonly progress = new ConsumerProgress(STALL_MS);

  constructor(
    private readonly store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REGISTRY_CONSUMERS) private readonly consumers: readonly RegistryConsumer[],
  ) {}

  async check(): Promise<void> {
    await this.dataSource.query('SELECT 1').catch((error: unknown) => Promise.reject(new Error(`PostgreSQL is not answering: ${String(error)}`)));
    if (this.store.nc.isClosed()) throw new Error('NATS connection is closed');
    await this.store.nc.flush().catch(() => Promise.reject(new Error('NATS is not connected')));
    for (const { stream, name } of this.consumers) {
      const info = await this.store.jsm.consumers.info(stream, name).catch(() => null);
      if (info === null) throw new Error(`consumer ${name} on ${stream} is not bound`);
      const stuck = this.progress.check(name, { pending: info.num_pending, deliveredSeq: info.delivered.stream_seq }, Date.now());
      if (stuck !== null) throw new Error(stuck);
    }
  }
}

/** The consumers of the background loops that are on. */
export function registryConsumers(names: Names, loops: { readonly dispatcher: boolean; readonly projector: boolean; readonly webhooks: boolean }): RegistryConsumer[] {
  return [
    ...(loops.dispatcher
      ? [
          { stream: names.jobsStream, name: names.dispatcherConsumer },
          { stream: names.advisoryStream, name: names.deadLetterConsumer },
          { stream: names.jobsStream, name: names.uploadReaperConsumer },
        ]
      : []),
    ...(loops.projector ? [{ stream: names.jobsStream, name: names.projectorConsumer }] : []),
    ...(loops.webhooks ? [{ stream: names.jobsStream, name: names.webhookConsumer }] : []),
  ];
}
