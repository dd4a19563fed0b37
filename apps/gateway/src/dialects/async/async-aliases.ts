import { createHash, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Names } from '@jetjobs/contracts';
import { NAMES, NATS_CONNECTION } from '@jetjobs/event-store-nest';

/** The async API's ids: lowercase letters and digits, at most 16 (e.g. `98nlux8b0eu6`). */
export const ASYNC_ID_PATTERN = /^[a-z0-9]{1,16}$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 12;
const CREATE_ATTEMPTS = 5;

/**
 * Short async-request ids bound to job ids, in a KV bucket shared by every gateway replica. Keys
 * carry the project and the service, so an id is found only by its own project, on its own
 * service path; `create` is atomic, so two requests never share an id.
 */
@Injectable()
export class AsyncAliases {
  private kv: Promise<KV> | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(NAMES) private readonly names: Names,
  ) {}

  /** Binds a fresh id to the job and returns it. */
  async bind(projectId: string, slug: string, jobId: string): Promise<string> {
    const kv = await this.bucket();
    for (let attempt = 1; ; attempt++) {
      const id = newAsyncId();
      try {
        await kv.create(aliasKey(projectId, slug, id), jobId);
        return id;
      } catch (error) {
        // Taken already (1 in 36^12): draw again; anything else is a real failure.
        if (attempt >= CREATE_ATTEMPTS || (await kv.get(aliasKey(projectId, slug, id))) === null) throw error;
      }
    }
  }

  /** The job id behind an id of this project and service, or null. */
  async resolve(projectId: string, slug: string, id: string): Promise<string | null> {
    if (!ASYNC_ID_PATTERN.test(id)) return null;
    const entry = await (await this.bucket()).get(aliasKey(projectId, slug, id));
    return entry !== null && entry.operation === 'PUT' ? entry.string() : null;
  }

  private bucket(): Promise<KV> {
    // Created with the namespace's streams at start-up; opened once, on first use.
    this.kv ??= new Kvm(this.nc).open(this.names.asyncAliasBucket).catch((error: unknown) => {
      this.kv = undefined;
      throw error;
    });
    return this.kv;
  }
}

export function newAsyncId(): string {
  return Array.from({ length: ID_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** Project ids are arbitrary text and KV keys are not: the project enters the key hashed. */
function aliasKey(projectId: string, slug: string, id: string): string {
  const project = createHash('sha256').update(projectId).digest('hex').slice(0, 32);
  return `${project}.${slug}.${id}`;
}
