import type { NatsConnection } from '@nats-io/transport-node';
import type { Names } from '@jetjobs/contracts';

/** Typed injection tokens: `@Inject(NATS_CONNECTION) nc: NatsConnection`. */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const NAMES = Symbol('NAMES');

export type { NatsConnection, Names };
