import { z } from 'zod';
import { NAMESPACE_PATTERN } from '@jetjobs/contracts';
import { count, flag } from './env-values';

const milliseconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Variables every service reads: where NATS is and which namespace its resources live in. */
export const natsEnv = {
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  JETJOBS_NAMESPACE: z
    .string()
    .regex(NAMESPACE_PATTERN, 'a letter, then letters, digits, "_" or "-" (at most 48 characters)')
    .default('jetjobs'),
  /** How long job events are kept in the stream; 0 keeps them forever. */
  JETJOBS_EVENT_MAX_AGE_MS: z.coerce.number().int().nonnegative().default(0),
  /** Copies of every stream, bucket and object store: 1 on one server, 3 on a JetStream cluster. */
  JETJOBS_STREAM_REPLICAS: count(1, 5, 1),
  /**
   * Whether this service creates and updates the namespace's streams at start-up, or only checks
   * that they exist (a least-privilege NATS user may not change streams; job-registry always does).
   */
  JETJOBS_MANAGE_STREAMS: flag(true),
  /** How long a work item may go without a heartbeat before it is redelivered to another worker. */
  JETJOBS_WORK_ACK_WAIT_MS: milliseconds(30_000),
  /** Deliveries of one work item before it is declared dead and its job failed. */
  JETJOBS_WORK_MAX_DELIVER: z.coerce.number().int().min(2).default(5),
} as const;

export { milliseconds };
